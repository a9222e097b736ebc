import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { expect, openCallPage, test } from '../call/call-fixtures';
import { startKioskHost } from '../call/kiosk-host';
import {
  confirmToConsent,
  expectStep,
  pharmacistConfirmsHygiene,
  PATIENT,
  startToIdentify,
  typeIdentity,
  words,
} from '../flows/journey';
import { saveScreen } from '../support/a11y';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { ROOT, startEntry } from '../support/processes';
import { qrY4m } from './qr-y4m';

/**
 * Issue 17's "done when", on the real kiosk screens, platform and console, with the platform's
 * clock moved by its test hook: Monday 7 December 2026, a GP publishes slots from 15:00; a patient
 * books 15:00 at the kiosk and leaves with the ticket; at 14:57 the ticket's QR code (a Y4M played
 * by Chromium's fake camera) checks them in, and the GP's console shows them waiting, with the
 * appointment. A paediatrician-only doctor sees nothing of it.
 */
const KIOSK_ID = 'kiosk-appointments';
const PASSWORD = 'appointments-e2e-password';
const GP = { email: 'dr.rdv@kiosk.test', name: 'Dr Claire Rendez-Vous', rpps: '10000000021' };
const PAED = { email: 'dr.ped@kiosk.test', name: 'Dr Paul Pédiatre', rpps: '10000000022' };
const w = words('fr');

function addDoctor(dataDir: string, doctor: typeof GP, specialties: string) {
  execFileSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'server/admin.ts'), 'add-doctor', '--email', doctor.email, '--name', doctor.name]
      .concat(['--rpps', doctor.rpps, '--specialties', specialties, '--territories', '75'])
      .concat(['--data-dir', dataDir]),
    { cwd: ROOT, env: { ...process.env, PLATFORM_DOCTOR_PASSWORD: PASSWORD }, stdio: 'pipe' },
  );
}

async function openConsole(browser: Browser, platformUrl: string, doctor: typeof GP): Promise<Page> {
  const page = await openCallPage(browser, `${platformUrl}/console/`);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByTestId('sign-in-email').fill(doctor.email);
  await page.getByTestId('sign-in-password').fill(PASSWORD);
  await page.getByTestId('sign-in-submit').click();
  await expect(page.getByTestId('doctor-name')).toHaveText(doctor.name);
  return page;
}

async function setClock(platformUrl: string, iso: string) {
  const res = await fetch(`${platformUrl}/api/test/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ now: iso }),
  });
  expect(res.ok).toBe(true);
}

test('a patient books 15:00 at the kiosk, checks in at 14:57 with the QR code, and waits in that doctor’s room', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const dir = mkdtempSync(join(tmpdir(), 'appointments-e2e-'));
  const dataDir = join(dir, 'platform');
  addDoctor(dataDir, GP, 'general-practice');
  addDoctor(dataDir, PAED, 'paediatrics');
  const credentialFile = join(dir, 'kiosk-credential');
  const platform = await startEntry(
    'server/main.ts',
    [
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--dev',
      '--dev-kiosk',
      `${KIOSK_ID}=${credentialFile}`,
      '--workers',
      '1',
    ].concat(['--test-hooks']),
    ['PLATFORM_URL'],
  );
  const platformUrl = platform.values.PLATFORM_URL!;
  // Monday 7 December 2026, 09:00 in Paris (08:00 UTC).
  await setClock(platformUrl, '2026-12-07T08:00:00.000Z');
  const host = await startKioskHost({ platformUrl, credentialFile, kioskId: KIOSK_ID });
  const kioskContext = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
  let cameraBrowser: Browser | null = null;
  try {
    // The GP publishes Monday's slots from 15:00 in the console.
    const gp = await openConsole(browser, platformUrl, GP);
    await gp.getByTestId('appt-from').fill('15:00');
    await gp.getByTestId('appt-to').fill('16:00');
    await gp.getByTestId('appt-publish').click();
    await expect(gp.getByTestId('appt-notice')).toHaveText('Créneaux publiés.');

    // The patient's journey to the choice, then the 15:00 slot with that doctor.
    const kiosk = await kioskContext.newPage();
    await kiosk.goto(host.url);
    await startToIdentify(kiosk, 'fr', false);
    await typeIdentity(kiosk, 'fr', PATIENT.nir, false);
    await confirmToConsent(kiosk, 'fr', false);
    await kiosk.getByRole('button', { name: w('consent.accept'), exact: true }).click();
    await expectStep(kiosk, 'reason');
    await kiosk.getByRole('button', { name: w('reason.specialties.general-practice') }).click();
    await kiosk.getByRole('button', { name: w('frame.continue'), exact: true }).click();
    await kiosk.getByRole('button', { name: w('contact.skip'), exact: true }).click();
    await expectStep(kiosk, 'when');
    // Nobody on duty: "now" says so, with no minutes.
    await expect(kiosk.getByTestId('when-now-time')).toHaveText(w('when.noDoctor'));
    const slot = kiosk.getByTestId('slot').filter({ hasText: '15:00' }).first();
    await expect(slot).toContainText(GP.name);
    await saveScreen(kiosk, 'fr', 'appointments-kiosk-when');
    await slot.click();
    await expectStep(kiosk, 'booked');
    await expect(kiosk.getByTestId('booked-time')).toContainText('15:00');
    await expect(kiosk.getByTestId('booked-on-screen')).toHaveText(w('booked.onScreen'));
    const token = (await kiosk.getByTestId('booked-qr').getAttribute('data-token'))!;
    await saveScreen(kiosk, 'fr', 'appointments-kiosk-ticket');
    await kiosk.getByRole('button', { name: w('booked.done') }).click();
    await expect(gp.getByTestId('appt-item').first()).toHaveAttribute('data-status', 'booked', { timeout: 20_000 });

    // The pharmacist cleans the cabin; at 14:57 the patient comes back with the ticket.
    // Goodbye, then the cabin waits for its cleaning (no patient in session any more).
    await expect(kiosk.locator('.app')).toHaveAttribute('data-step', 'cabin-not-ready', { timeout: 30_000 });
    await pharmacistConfirmsHygiene(kiosk, 'fr');
    await kiosk.close();
    await setClock(platformUrl, '2026-12-07T13:57:00.000Z');
    const y4m = join(dir, 'ticket.y4m');
    writeFileSync(y4m, qrY4m(token));
    cameraBrowser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS, `--use-file-for-fake-video-capture=${y4m}`],
    });
    const camContext = await cameraBrowser.newContext({
      viewport: { width: 1080, height: 1920 },
      permissions: ['camera', 'microphone'],
    });
    const back = await camContext.newPage();
    await back.goto(host.url);
    await expectStep(back, 'welcome');
    await back.getByTestId('welcome-check-in').click();
    await expectStep(back, 'emergency');
    await back.getByRole('button', { name: w('emergency.none') }).click();
    await expectStep(back, 'check-in');
    await saveScreen(back, 'fr', 'appointments-kiosk-check-in');
    // Recognised: consent is asked again, then the doctor's waiting room.
    await expectStep(back, 'consent');
    await back.getByRole('button', { name: w('consent.accept'), exact: true }).click();
    await expectStep(back, 'waiting');
    await expect(back.getByTestId('waiting-appointment')).toContainText(GP.name);
    await saveScreen(back, 'fr', 'appointments-kiosk-waiting');

    // The GP's console shows the patient waiting, with the appointment; the paediatrician sees nothing.
    const row = gp.getByTestId('queue-row');
    await expect(row).toHaveCount(1, { timeout: 20_000 });
    await expect(row.getByTestId('queue-appointment')).toContainText('15:00');
    await saveScreen(gp, 'fr', 'appointments-console-gp');
    const paed = await openConsole(browser, platformUrl, PAED);
    await expect(paed.getByTestId('queue-row')).toHaveCount(0);
  } finally {
    await cameraBrowser?.close();
    await kioskContext.close();
    await host.stop();
    await platform.stop();
  }
});
