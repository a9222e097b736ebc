import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { expect, openCallPage, test } from '../call/call-fixtures';
import { startKioskHost } from '../call/kiosk-host';
import { confirmToConsent, expectStep, startToIdentify, typeKeys, words } from '../flows/journey';
import { checkScreen, expectNoSeriousA11yViolation, saveScreen } from '../support/a11y';
import { ROOT, startEntry } from '../support/processes';

/**
 * Routing and honest estimates with the real kiosk screens (web host, simulated devices), a real
 * platform and the real doctor console: two doctors made with the admin command (a GP and a
 * paediatrician, both serving Paris, where the development kiosk's pharmacy is), a child asking for
 * a paediatrician. The request stays out of the GP's list and reaches the paediatrician's; the
 * kiosk says no doctor is on duty (no minutes) until the paediatrician goes on duty, then gives an
 * estimate counting that doctor only.
 */
const KIOSK_ID = 'kiosk-routing';
const PASSWORD = 'routing-e2e-password';
const GP = { email: 'dr.generaliste@kiosk.test', name: 'Dr Alice Généraliste', rpps: '10000000011' };
const PAEDIATRICIAN = { email: 'dr.pediatre@kiosk.test', name: 'Dr Bruno Pédiatre', rpps: '10000000012' };
const w = words('fr');

/** A girl of 11 (born in May 2015), with a NIR whose key is right and matches her birth date. */
const CHILD = (() => {
  const body = '2150575123456';
  return { lastName: 'PETIT', firstName: 'LINA', day: '17', month: '05', year: '2015', nir: body + key(body) };
})();

function key(body: string): string {
  return String(97 - Number(BigInt(body) % 97n)).padStart(2, '0');
}

/** The administrator's own command, as on a real platform host, before the platform starts. */
function addDoctor(dataDir: string, doctor: typeof GP, specialties: string, territories: string) {
  execFileSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'server/admin.ts'), 'add-doctor', '--email', doctor.email, '--name', doctor.name]
      .concat(['--rpps', doctor.rpps, '--specialties', specialties, '--territories', territories])
      .concat(['--data-dir', dataDir]),
    { cwd: ROOT, env: { ...process.env, PLATFORM_DOCTOR_PASSWORD: PASSWORD }, stdio: 'pipe' },
  );
}

async function typeChild(page: Page) {
  await page.getByRole('button', { name: w('identify.typeDetails') }).click();
  await expectStep(page, 'identify-manual');
  await typeKeys(page, CHILD.lastName);
  for (const [field, value] of [
    ['firstName', CHILD.firstName],
    ['day', CHILD.day],
    ['month', CHILD.month],
    ['year', CHILD.year],
    ['nir', CHILD.nir],
  ] as const) {
    await page.locator(`#manual-${field}`).click();
    await typeKeys(page, value);
  }
  await page.getByRole('button', { name: w('manual.submit'), exact: true }).click();
}

/** A doctor's console signed in, in its own browser context. */
async function openConsole(browser: Browser, platformUrl: string, doctor: typeof GP): Promise<Page> {
  const page = await openCallPage(browser, `${platformUrl}/console/`);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByTestId('sign-in-email').fill(doctor.email);
  await page.getByTestId('sign-in-password').fill(PASSWORD);
  await page.getByTestId('sign-in-submit').click();
  await expect(page.getByTestId('doctor-name')).toHaveText(doctor.name);
  return page;
}

async function goOnDuty(page: Page, onDuty: boolean) {
  await page.getByTestId('duty-toggle').click();
  // Pressed only once the platform answered (use-doctor-session.ts).
  await expect(page.getByTestId('duty-toggle')).toHaveAttribute('aria-pressed', String(onDuty));
}

test('a paediatric request reaches only the paediatrician, and the kiosk says no doctor is on duty until one is', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  expect(
    existsSync(join(ROOT, 'dist/console/index.html')) && existsSync(join(ROOT, 'dist/renderer/index.html')),
    'the kiosk screens or the doctor console are not built: run npm run build',
  ).toBe(true);
  const dir = mkdtempSync(join(tmpdir(), 'routing-e2e-'));
  const dataDir = join(dir, 'platform');
  addDoctor(dataDir, GP, 'general-practice', '75,92');
  addDoctor(dataDir, PAEDIATRICIAN, 'paediatrics', '75');
  const credentialFile = join(dir, 'kiosk-credential');
  const platform = await startEntry(
    'server/main.ts',
    ['--port', '0', '--data-dir', dataDir, '--dev', '--dev-kiosk', `${KIOSK_ID}=${credentialFile}`, '--workers', '1'],
    ['PLATFORM_URL'],
  );
  const platformUrl = platform.values.PLATFORM_URL!;
  const host = await startKioskHost({ platformUrl, credentialFile, kioskId: KIOSK_ID });
  const kioskContext = await browser.newContext({
    permissions: ['camera', 'microphone'],
    viewport: { width: 1080, height: 1920 },
  });
  try {
    // The child's journey, to the waiting room, asking for a paediatrician.
    const kiosk = await kioskContext.newPage();
    await kiosk.goto(host.url);
    await startToIdentify(kiosk, 'fr', false);
    await typeChild(kiosk);
    await confirmToConsent(kiosk, 'fr', false);
    await kiosk.getByRole('button', { name: w('consent.accept'), exact: true }).click();
    await expectStep(kiosk, 'reason');
    await kiosk.getByRole('button', { name: w('reason.specialties.paediatrics') }).click();
    await kiosk.getByRole('button', { name: w('frame.continue'), exact: true }).click();
    await expectStep(kiosk, 'contact');
    await kiosk.getByRole('button', { name: w('contact.skip'), exact: true }).click();
    await expectStep(kiosk, 'when');
    // Nobody on duty: "now" says so before the patient chooses it.
    await expect(kiosk.getByTestId('when-now-time')).toHaveText(w('when.noDoctor'));
    await kiosk.getByTestId('when-now').click();
    await expectStep(kiosk, 'waiting');

    // Nobody on duty: said plainly, no minutes, and what the patient can do.
    const status = kiosk.getByTestId('queue');
    await expect(status).toHaveAttribute('data-wait', 'no-doctor', { timeout: 20_000 });
    const paediatrician = w('reason.specialties.paediatrics');
    await expect(status).toContainText(w('waiting.noDoctor.lead').replace('{{specialty}}', paediatrician));
    await expect(status.locator('li')).toHaveText([
      w('waiting.noDoctor.stay'),
      w('waiting.noDoctor.help').replace('{{help}}', w('app.help')),
      w('waiting.noDoctor.leave').replace('{{leave}}', w('waiting.leave')),
    ]);
    await expect(status).not.toContainText(/\d/);
    await checkScreen(kiosk, 'fr', 'routing-kiosk-no-doctor');

    // The GP goes on duty: the child's request is not in the GP's list, and the kiosk still has nobody.
    const gp = await openConsole(browser, platformUrl, GP);
    await expect(gp.getByTestId('doctor-scope')).toHaveText('Vos patients : Médecine générale — département(s) 75, 92');
    await goOnDuty(gp, true);
    await expect(gp.getByTestId('queue-empty')).toBeVisible();
    await expect(status).toHaveAttribute('data-wait', 'no-doctor');

    // The paediatrician signs in (off duty): the request is in their list, the kiosk still says nobody.
    const ped = await openConsole(browser, platformUrl, PAEDIATRICIAN);
    const row = ped.getByTestId('queue-row');
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId('queue-specialty')).toHaveText('Pédiatrie');
    await expect(row.getByTestId('queue-age')).toHaveText('11 ans');
    await expect(row.getByTestId('queue-territory')).toHaveText('75');
    await expect(ped.getByTestId('duty-status')).toContainText('hors service');
    await expect(status).toHaveAttribute('data-wait', 'no-doctor');
    await expectNoSeriousA11yViolation(ped, 'console of the paediatrician');
    await saveScreen(ped, 'fr', 'routing-console-paediatrician-off-duty');

    // On duty: the kiosk now gives an estimate, counting the one doctor who can take the child.
    await goOnDuty(ped, true);
    await expect(status).toHaveAttribute('data-wait', 'estimate');
    await expect(status).toContainText(
      w('waiting.position').replace('{{position}}', '1').replace('{{specialty}}', paediatrician),
    );
    // No consultation measured yet: the assumed pick-up (DEFAULT_PICKUP_MINUTES), never "0 minutes".
    await expect(kiosk.getByTestId('queue-estimate')).toHaveText(w('waiting.estimate').replace('{{minutes}}', '2'));
    await expect(status).toContainText(w('waiting.doctorsOnDuty').replace('{{doctors}}', '1'));
    await checkScreen(kiosk, 'fr', 'routing-kiosk-estimate');

    // Still nothing in the GP's list, with both doctors on duty and every list pushed again.
    await expect(gp.getByTestId('queue-row')).toHaveCount(0);
    await expect(gp.locator('#queue-title')).toContainText('2 médecin(s) en service');
    await expectNoSeriousA11yViolation(gp, 'console of the GP');
    await saveScreen(gp, 'fr', 'routing-console-gp');

    // The duty is kept with the session: a reload finds it on, and the estimate stays.
    await ped.reload();
    await expect(ped.getByTestId('duty-toggle')).toHaveAttribute('aria-pressed', 'true');
    await expect(ped.getByTestId('queue-row')).toHaveCount(1);
    // The paediatrician goes off duty: no more minutes for the child.
    await goOnDuty(ped, false);
    await expect(status).toHaveAttribute('data-wait', 'no-doctor');
    await goOnDuty(ped, true);
    await expect(status).toHaveAttribute('data-wait', 'estimate');

    // The paediatrician takes the child: the kiosk goes to the consultation.
    await ped.getByTestId('queue-row').getByTestId('queue-accept').click();
    await expect(ped.getByTestId('consultation')).toBeVisible();
    await expectStep(kiosk, 'consultation');
  } finally {
    await kioskContext.close();
    await host.stop();
    await platform.stop();
  }
});
