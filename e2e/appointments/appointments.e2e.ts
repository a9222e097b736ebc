import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import { expect, test } from '../call/call-fixtures';
import { startKioskHost } from '../call/kiosk-host';
import { expectStep, pharmacistConfirmsHygiene, words } from '../flows/journey';
import { saveScreen } from '../support/a11y';
import { addDoctor, openConsole, publishSlots, setClock, startAppointmentsPlatform } from './appointment-platform';
import { bookAtKiosk, cameraShowing, checkInPage } from './kiosk-booking';

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
    const token = await bookAtKiosk(kiosk, { time: '15:00', doctorName: GP.name, shoot: true });
    const lateToken = await bookAtKiosk(kiosk, { time: '15:30', doctorName: GP.name });
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
    // The doctor is told the 15:30 patient came too late and lost the slot.
    await expect(gp.getByTestId('appt-late-notice')).toContainText('15:30');
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
