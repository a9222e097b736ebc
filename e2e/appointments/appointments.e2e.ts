import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { expect, test } from '../call/call-fixtures';
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
import { addDoctor, openConsole, publishSlots, setClock, startAppointmentsPlatform } from './appointment-platform';
import { qrY4m } from './qr-y4m';

/**
 * Issue 17's "done when", on the real kiosk screens, platform and console, with the platform's
 * clock moved by its test hook: Monday 7 December 2026, a GP publishes slots from 15:00; a patient
 * books 15:00 at the kiosk and leaves with the ticket; at 14:57 the ticket's QR code (a Y4M played
 * by Chromium's fake camera) checks them in, and the GP's console shows them waiting, with the
 * appointment. A paediatrician-only doctor sees nothing of it.
 */
const KIOSK_ID = 'kiosk-appointments';
const GP = { email: 'dr.rdv@kiosk.test', name: 'Dr Claire Rendez-Vous', rpps: '10000000021' };
const PAED = { email: 'dr.ped@kiosk.test', name: 'Dr Paul Pédiatre', rpps: '10000000022' };
const w = words('fr');

test('a patient books 15:00 at the kiosk, checks in at 14:57 with the QR code, and waits in that doctor’s room', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const dir = mkdtempSync(join(tmpdir(), 'appointments-e2e-'));
  const dataDir = join(dir, 'platform');
  addDoctor(dataDir, GP, 'general-practice');
  addDoctor(dataDir, PAED, 'paediatrics');
  const credentialFile = join(dir, 'kiosk-credential');
  const platform = await startAppointmentsPlatform(dataDir, KIOSK_ID, credentialFile);
  const platformUrl = platform.values.PLATFORM_URL!;
  // Monday 7 December 2026, 09:00 in Paris (08:00 UTC).
  await setClock(platformUrl, '2026-12-07T08:00:00.000Z');
  const host = await startKioskHost({ platformUrl, credentialFile, kioskId: KIOSK_ID });
  const kioskContext = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
  let cameraBrowser: Browser | null = null;
  try {
    // The GP publishes Monday's slots from 15:00 in the console.
    const gp = await openConsole(browser, platformUrl, GP);
    await publishSlots(gp, '15:00', '16:00');

    // The journey to the choice (nobody on duty yet: "now" says so), then the slot with that doctor. another books 15:30.
    const kiosk = await kioskContext.newPage();
    await kiosk.goto(host.url);
    const token = await book(kiosk, '15:00', true);
    const lateToken = await book(kiosk, '15:30', false);
    await expect(gp.getByTestId('appt-item').first()).toHaveAttribute('data-status', 'booked', { timeout: 20_000 });

    // The pharmacist cleans the cabin; at 14:57 the patient comes back with the ticket.
    await kiosk.close();
    await setClock(platformUrl, '2026-12-07T13:57:00.000Z');
    cameraBrowser = await cameraShowing(dir, token);
    const back = await checkInPage(cameraBrowser, host.url);
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

    // The patient leaves; the 15:30 patient comes at 15:41: the slot is lost, the live queue offered
    // with the GP now on duty (the assumed pick-up, 2 min), and the GP's list says the slot was lost.
    await back.getByRole('button', { name: w('waiting.leave') }).click();
    await expect(back.locator('.app')).toHaveAttribute('data-step', 'cabin-not-ready', { timeout: 30_000 });
    await pharmacistConfirmsHygiene(back, 'fr');
    await cameraBrowser.close();
    await gp.getByTestId('duty-toggle').click();
    await expect(gp.getByTestId('duty-toggle')).toHaveAttribute('aria-pressed', 'true');
    await setClock(platformUrl, '2026-12-07T14:41:00.000Z');
    cameraBrowser = await cameraShowing(dir, lateToken);
    const late = await checkInPage(cameraBrowser, host.url);
    await expectStep(late, 'check-in-late');
    await expect(late.getByTestId('late-estimate')).toHaveText(w('when.nowEstimate').replace('{{minutes}}', '2'));
    await saveScreen(late, 'fr', 'appointments-kiosk-late');
    await expect(gp.locator('[data-testid="appt-item"][data-status="missed"]')).toHaveCount(1, { timeout: 20_000 });
    await late.getByRole('button', { name: w('checkInLate.join') }).click();
    await expectStep(late, 'consent');
    await late.getByRole('button', { name: w('consent.accept'), exact: true }).click();
    await expectStep(late, 'waiting');
    await expect(gp.getByTestId('queue-row')).toHaveCount(1, { timeout: 20_000 });
    await expect(gp.getByTestId('queue-appointment')).toHaveCount(0);
    await saveScreen(gp, 'fr', 'appointments-console-gp-late');
  } finally {
    await cameraBrowser?.close();
    await kioskContext.close();
    await host.stop();
    await platform.stop();
  }
});

/** A patient's journey to the choice, the slot at `time` with the GP, the ticket, and the cleaning after. */
async function book(kiosk: Page, time: string, shoot: boolean): Promise<string> {
  // The journey to the choice (nobody on duty yet: "now" says so), then the slot with that doctor.
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
  const slot = kiosk.getByTestId('slot').filter({ hasText: time }).first();
  await expect(slot).toContainText(GP.name);
  if (shoot) await saveScreen(kiosk, 'fr', 'appointments-kiosk-when');
  await slot.click();
  await expectStep(kiosk, 'booked');
  await expect(kiosk.getByTestId('booked-time')).toContainText(time);
  // No printer in this cabin: the screen says so and to photograph the ticket (never "printed").
  await expect(kiosk.getByTestId('booked-print')).toHaveText(w('booked.print.unavailable'));
  const token = (await kiosk.getByTestId('booked-qr').getAttribute('data-token'))!;
  if (shoot) await saveScreen(kiosk, 'fr', 'appointments-kiosk-ticket');
  await kiosk.getByRole('button', { name: w('booked.done') }).click();
  // Goodbye, then the cabin waits for its cleaning (no patient in session any more).
  await expect(kiosk.locator('.app')).toHaveAttribute('data-step', 'cabin-not-ready', { timeout: 30_000 });
  await pharmacistConfirmsHygiene(kiosk, 'fr');
  return token;
}

/** A browser whose camera shows this ticket's QR code (Chromium's fake camera plays a Y4M of it). */
async function cameraShowing(dir: string, token: string): Promise<Browser> {
  const y4m = join(dir, `ticket-${token.slice(-8)}.y4m`);
  writeFileSync(y4m, qrY4m(token));
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, `--use-file-for-fake-video-capture=${y4m}`],
  });
}

/** "I have an appointment" on the welcome screen, the emergency question, then the camera. */
async function checkInPage(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1080, height: 1920 },
    permissions: ['camera', 'microphone'],
  });
  const page = await context.newPage();
  await page.goto(url);
  await expectStep(page, 'welcome');
  await page.getByTestId('welcome-check-in').click();
  await expectStep(page, 'emergency');
  await page.getByRole('button', { name: w('emergency.none') }).click();
  await expectStep(page, 'check-in');
  return page;
}
