import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { startSmsTestGateway } from '../../server/notify/testing/sms-test-gateway';
import { expect, test } from '../call/call-fixtures';
import { startKioskHost } from '../call/kiosk-host';
import { expectStep, pharmacistConfirmsHygiene, words } from '../flows/journey';
import { saveScreen } from '../support/a11y';
import { addDoctor, openConsole, publishSlots, setClock, startAppointmentsPlatform } from './appointment-platform';
import { bookAtKiosk, cameraShowing, checkInPage } from './kiosk-booking';

/**
 * Issue 17's "a doctor who cancels", on the real kiosk screens, platform, console and SMS gateway
 * (clock moved by the platform's test hook, Monday 7 December 2026): the patient waiting in the
 * GP's room at 14:57 is told on the screen when the GP cancels, and now waits in the live queue
 * (no doctor on duty: said so, no minutes); the 15:30 patient, not there yet, gets an SMS with the
 * next best choice, and their ticket at 15:27 says the appointment is cancelled and offers the live
 * queue with its true wait (the GP then on duty); the GP then cancels the rest of the day (16:00).
 */
const KIOSK_ID = 'kiosk-cancels';
const GP = { email: 'dr.annule@kiosk.test', name: 'Dr Anne Annule', rpps: '10000000031' };
const w = words('fr');

test('a doctor who cancels: the waiting patient is told and moved to the live queue, the absent one by SMS and at check-in', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const dir = mkdtempSync(join(tmpdir(), 'doctor-cancels-e2e-'));
  const dataDir = join(dir, 'platform');
  addDoctor(dataDir, GP, 'general-practice');
  const credentialFile = join(dir, 'kiosk-credential');
  const sms = await startSmsTestGateway();
  const smsEnv = { PLATFORM_SMS_URL: sms.url, PLATFORM_SMS_TOKEN: sms.token, PLATFORM_SMS_FROM: 'Pharmacie' };
  const platform = await startAppointmentsPlatform(dataDir, KIOSK_ID, credentialFile, smsEnv);
  const platformUrl = platform.values.PLATFORM_URL!;
  await setClock(platformUrl, '2026-12-07T08:00:00.000Z');
  const host = await startKioskHost({ platformUrl, credentialFile, kioskId: KIOSK_ID });
  const kioskContext = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
  const cameras: Browser[] = [];
  try {
    const gp = await openConsole(browser, platformUrl, GP);
    await publishSlots(gp, '15:00', '16:30');
    const kiosk = await kioskContext.newPage();
    await kiosk.goto(host.url);
    const waitingToken = await bookAtKiosk(kiosk, { time: '15:00', doctorName: GP.name });
    const absentToken = await bookAtKiosk(kiosk, { time: '15:30', doctorName: GP.name, phone: '0612345678' });
    await bookAtKiosk(kiosk, { time: '16:00', doctorName: GP.name });
    // The 15:30 patient's reminder goes at once (within 24 h): one SMS so far.
    await expect.poll(() => sms.sent.length, { timeout: 30_000 }).toBe(1);
    await kiosk.close();

    // 14:57: the 15:00 patient checks in and waits in the GP's room; the GP cancels (an emergency).
    await setClock(platformUrl, '2026-12-07T13:57:00.000Z');
    cameras.push(await cameraShowing(dir, waitingToken));
    const waiting = await checkInPage(cameras[0]!, host.url);
    await expectStep(waiting, 'consent');
    await waiting.getByRole('button', { name: w('consent.accept'), exact: true }).click();
    await expectStep(waiting, 'waiting');
    await expect(waiting.getByTestId('waiting-appointment')).toContainText(GP.name);
    await cancelIn(gp, '15:00', 'emergency', 'checked-in');
    const ended = waiting.getByTestId('waiting-booking-ended');
    await expect(ended).toHaveAttribute('data-cause', 'cancelled', { timeout: 20_000 });
    await expect(ended).toContainText(w('appointments.cancelReason.emergency'));
    // The GP is off duty for the live queue: no minutes, said plainly; never "waiting for your doctor".
    await expect(waiting.getByTestId('queue')).toHaveAttribute('data-wait', 'no-doctor');
    await expect(waiting.getByTestId('waiting-appointment')).toHaveCount(0);
    await saveScreen(waiting, 'fr', 'appointments-kiosk-doctor-cancelled');
    await expect(gp.getByTestId('appt-cancel-notice')).toHaveText(/patient est prévenu/);
    await waiting.getByRole('button', { name: w('waiting.leave') }).click();
    await expect(waiting.locator('.app')).toHaveAttribute('data-step', 'cabin-not-ready', { timeout: 30_000 });
    await pharmacistConfirmsHygiene(waiting, 'fr');
    // The screens follow the one kiosk flow: this camera, still showing the 15:00 ticket, goes.
    await cameras.shift()!.close();

    // The 15:30 patient is not there: told by SMS, when, where, why and what next; no doctor's name.
    await cancelIn(gp, '15:30', 'unavailable', 'booked');
    await expect.poll(() => sms.sent.length, { timeout: 20_000 }).toBe(2);
    const notice = sms.sent[1]!.text;
    expect(notice).toContain('ANNULÉE');
    expect(notice).toContain('15:30');
    expect(notice).toContain('sans RDV');
    expect(notice).not.toContain(GP.name);

    // 15:27: their ticket says it is cancelled, with the live queue's true wait (the GP now on duty).
    await gp.getByTestId('duty-toggle').click();
    await expect(gp.getByTestId('duty-toggle')).toHaveAttribute('aria-pressed', 'true');
    await setClock(platformUrl, '2026-12-07T14:27:00.000Z');
    cameras.push(await cameraShowing(dir, absentToken));
    const absent = await checkInPage(cameras[0]!, host.url);
    await expectStep(absent, 'check-in-late');
    await expect(absent.getByTestId('late-lost')).toHaveAttribute('data-cancelled', 'unavailable');
    await expect(absent.getByTestId('late-estimate')).toHaveText(w('when.nowEstimate').replace('{{minutes}}', '2'));
    await saveScreen(absent, 'fr', 'appointments-kiosk-ticket-cancelled');
    await absent.getByRole('button', { name: w('checkInLate.join') }).click();
    await expectStep(absent, 'consent');
    await absent.getByRole('button', { name: w('consent.accept'), exact: true }).click();
    await expectStep(absent, 'waiting');
    await expect(gp.getByTestId('queue-row')).toHaveCount(1, { timeout: 20_000 });

    // The GP's whole day off: the 16:00 appointment, the last one left, cancelled after a confirmation.
    const day = gp.getByTestId('appt-cancel-day');
    await day.getByTestId('appt-cancel').click();
    await expect(day.getByTestId('appt-cancel')).toHaveText('Confirmer : annuler toute la journée');
    await day.getByTestId('appt-cancel').click();
    await expect(gp.getByTestId('appt-cancel-notice')).toHaveText(/^1 rendez-vous annulé/);
    await expect(gp.getByTestId('appt-item').filter({ hasText: '16:00' })).toHaveAttribute('data-status', 'cancelled');
    await expect(day).toHaveCount(0);
  } finally {
    for (const camera of cameras) await camera.close();
    await kioskContext.close();
    await host.stop();
    await platform.stop();
    await sms.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

/** The GP cancels their appointment at `time` with a reason, in the console's list. */
async function cancelIn(gp: Page, time: string, reason: string, status: string): Promise<void> {
  const item = gp.getByTestId('appt-item').filter({ hasText: time });
  await expect(item).toHaveAttribute('data-status', status, { timeout: 20_000 });
  await item.getByTestId('appt-cancel-reason').selectOption(reason);
  await item.getByTestId('appt-cancel').click();
  await expect(item).toHaveAttribute('data-status', 'cancelled', { timeout: 20_000 });
}
