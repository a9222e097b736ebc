import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { expect, test } from '../call/call-fixtures';
import { startKioskHost } from '../call/kiosk-host';
import { expectStep, pharmacistConfirmsHygiene, words } from '../flows/journey';
import { saveScreen } from '../support/a11y';
import { expectFits } from '../support/fit';
import { addDoctor, openConsole, publishSlots, setClock, startAppointmentsPlatform } from './appointment-platform';
import { bookAtKiosk, cameraShowing, checkInPage } from './kiosk-booking';

/**
 * Issue 17's bad tickets at the kiosk camera (real platform, kiosk screens, Chromium's fake camera
 * playing the QR code): a forged one, one not a ticket at all, one for another pharmacy's cabin,
 * and one whose appointment is long over: each refused with its plain message and the next best
 * choice (try another ticket, or consult without appointment), the journey open.
 */
const KIOSK_A = 'kiosk-refusals-a';
const KIOSK_B = 'kiosk-refusals-b';
const GP = { email: 'dr.tickets@kiosk.test', name: 'Dr Tina Tickets', rpps: '10000000051' };
const w = words('fr');

test('a forged, foreign, other pharmacy’s or expired ticket: said plainly, with the next best choice', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const dir = mkdtempSync(join(tmpdir(), 'ticket-refusals-e2e-'));
  const dataDir = join(dir, 'platform');
  addDoctor(dataDir, GP, 'general-practice');
  const [credA, credB] = [join(dir, 'cred-a'), join(dir, 'cred-b')];
  const platform = await startAppointmentsPlatform(dataDir, KIOSK_A, credA, {}, [[KIOSK_B, credB]]);
  const platformUrl = platform.values.PLATFORM_URL!;
  await setClock(platformUrl, '2026-12-07T08:00:00.000Z');
  const hostA = await startKioskHost({ platformUrl, credentialFile: credA, kioskId: KIOSK_A });
  const hostB = await startKioskHost({ platformUrl, credentialFile: credB, kioskId: KIOSK_B });
  const kioskContext = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
  try {
    const gp = await openConsole(browser, platformUrl, GP);
    await publishSlots(gp, '15:00', '16:00');
    const kiosk = await kioskContext.newPage();
    await kiosk.goto(hostA.url);
    const token = await bookAtKiosk(kiosk, { time: '15:00', doctorName: GP.name });
    await kiosk.close();
    await setClock(platformUrl, '2026-12-07T13:57:00.000Z');
    const forged = token.slice(0, -3) + (token.endsWith('AAA') ? 'BBB' : 'AAA');
    await refused(dir, hostA.url, forged, 'ticket-invalid', true);
    await refused(dir, hostA.url, 'https://example.org/not-a-ticket', 'ticket-invalid');
    await refused(dir, hostB.url, token, 'other-pharmacy', true);
    // Two days later the appointment is long over.
    await setClock(platformUrl, '2026-12-09T13:57:00.000Z');
    await refused(dir, hostA.url, token, 'ticket-expired', true);
  } finally {
    await kioskContext.close();
    await hostA.stop();
    await hostB.stop();
    await platform.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

/** This QR code shown at the kiosk: the refusal, its message and the next best choice; then the session ends. */
async function refused(dir: string, url: string, qr: string, refusal: string, shoot = false): Promise<void> {
  const camera: Browser = await cameraShowing(dir, qr);
  try {
    const page = await checkInPage(camera, url);
    const alert = page.getByTestId('check-in-refusal');
    await expect(alert).toHaveAttribute('data-refusal', refusal, { timeout: 30_000 });
    await expect(alert).toContainText(w(`appointments.refusal.${refusal}`));
    await expect(alert).toContainText(w('checkIn.nextBest'));
    await expect(page.getByRole('button', { name: w('checkIn.walkIn') })).toBeVisible();
    await expect(page.getByRole('button', { name: w('checkIn.retry') })).toBeVisible();
    // The refusal and both ways on stay on the 1080×1920 screen, with the frame's buttons.
    const ways = [
      alert,
      page.getByRole('button', { name: w('checkIn.walkIn') }),
      page.getByRole('button', { name: w('checkIn.retry') }),
    ];
    await expectFits(page, `check-in refused (${refusal})`, [
      ...ways,
      page.getByRole('button', { name: w('frame.cancel') }),
    ]);
    if (shoot) await saveScreen(page, 'fr', `appointments-kiosk-refused-${refusal}`);
    await endSession(page);
  } finally {
    await camera.close();
  }
}

async function endSession(page: Page): Promise<void> {
  await page.getByRole('button', { name: w('frame.cancel') }).click();
  await expectStep(page, 'cabin-not-ready');
  await pharmacistConfirmsHygiene(page, 'fr');
}
