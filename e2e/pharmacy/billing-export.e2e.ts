import { readFileSync } from 'node:fs';
import { expect, openCallPage, test } from '../call/call-fixtures';
import { kioskInWaitingRoom, signInAndAccept } from '../call/exam-journey';
import { expectStep, PATIENT } from '../flows/journey';
import { expectNoSeriousA11yViolation, expectTouchTargets, saveScreen } from '../support/a11y';
import { expectBuilt } from '../support/built';

/**
 * Issue 18 item 8's "the month's CSV lists the consultation": a patient at the e2e kiosk (the
 * development pharmacy's "Cabine 1" under `--dev`) is taken by the dev doctor, who ends the call;
 * the pharmacist's portal (another browser) counts it and its month's CSV, downloaded through the
 * real button, has the row: the day, the cabin, the doctor's RPPS, the patient's NIR, the coverage
 * the patient declared at the kiosk, TLM, 1,00 €.
 */
test("a consultation the doctor took and ended is counted and listed in the portal's monthly CSV", async ({
  browser,
  platform,
  kioskOnPlatform,
}) => {
  test.setTimeout(180_000);
  expectBuilt('kiosk screens', 'portal');
  const portal = await openCallPage(browser, `${platform.url}/portal/`);
  await portal.setViewportSize({ width: 1024, height: 900 });
  await portal.getByTestId('sign-in-email').fill('pharmacien@kiosk.test');
  await portal.getByTestId('sign-in-password').fill('comptoir-dev');
  await portal.getByTestId('sign-in-submit').click();
  await expect(portal.getByTestId('portal-board')).toHaveAttribute('data-status', 'live');
  const counts = portal.getByTestId('billing-counts');
  await expect(counts).toHaveAttribute('data-month', /^\d+$/);
  const before = Number(await counts.getAttribute('data-month'));

  const kiosk = await kioskInWaitingRoom(browser, kioskOnPlatform);
  const console_ = await openCallPage(browser, `${platform.url}/console/`);
  const consultationId = await signInAndAccept(console_);
  await expectStep(kiosk, 'consultation');
  await console_.getByTestId('end-call').click();
  await expect(console_.getByTestId('report')).toBeVisible();
  await expectStep(kiosk, 'end');

  // The counts are read on load: the reload shows the new one (the panel re-reads every minute).
  await portal.reload();
  await expect(counts).toHaveAttribute('data-month', String(before + 1));
  await expect(counts).toContainText(`Ce mois-ci : ${before + 1}`);
  await expectTouchTargets(portal, 'billing');
  await expectNoSeriousA11yViolation(portal, 'portal billing');
  await saveScreen(portal, 'portal', 'billing');

  const [download] = await Promise.all([
    portal.waitForEvent('download'),
    portal.getByTestId('billing-download').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^teleconsultations-pharmacie-dev-\d{4}-\d{2}\.csv$/);
  const bytes = readFileSync(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
  expect(lines[0]).toBe(
    'Date;Heure;Pharmacie;Kiosque;RPPS prescripteur;NIR;Couverture;Acte téléconsultation;Tarif téléconsultation (€);Code acte;Montant (€);Consultation',
  );
  const row = lines.find((l) => l.endsWith(`;${consultationId}`));
  expect(row, `the CSV lists consultation ${consultationId}`).toBeDefined();
  const fields = row!.split(';');
  expect(fields.slice(2, 6)).toEqual(['Pharmacie de démonstration', 'kiosk-e2e', '10000000001', PATIENT.nir]);
  // The coverage from the care-pathway answers the kiosk synced with the session (referred by the
  // médecin traitant, no ALD): the rate only, no medical detail.
  expect(fields[6]).toBe('70 % (parcours de soins respecté) — déclaré au kiosque');
  expect(fields.slice(7, 11)).toEqual(['TCG', '30,00', 'TLM', '1,00']);
  console.log(`portal CSV row: ${fields.slice(0, 2).join(' ')} … ${fields.slice(6).join(';')}`);
});
