import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { expect } from '../call/call-fixtures';
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
import { qrY4m } from './qr-y4m';

/** The issue 17 e2e's kiosk side: booking a slot and coming back with the ticket's QR code. */
const w = words('fr');

/**
 * A patient's journey to the choice, the slot at `time` with that doctor, the ticket, and the
 * cleaning after; with `phone`, given for the reminder (SMS). The ticket's token is returned.
 */
export async function bookAtKiosk(
  kiosk: Page,
  { time, doctorName, shoot = false, phone }: { time: string; doctorName: string; shoot?: boolean; phone?: string },
): Promise<string> {
  // The journey to the choice (nobody on duty yet: "now" says so), then the slot with that doctor.
  await startToIdentify(kiosk, 'fr', false);
  await typeIdentity(kiosk, 'fr', PATIENT.nir, false);
  await confirmToConsent(kiosk, 'fr', false);
  await kiosk.getByRole('button', { name: w('consent.accept'), exact: true }).click();
  await expectStep(kiosk, 'reason');
  await kiosk.getByRole('button', { name: w('reason.specialties.general-practice') }).click();
  await kiosk.getByRole('button', { name: w('frame.continue'), exact: true }).click();
  await giveContact(kiosk, phone);
  await expectStep(kiosk, 'when');
  // Nobody on duty: "now" says so, with no minutes.
  await expect(kiosk.getByTestId('when-now-time')).toHaveText(w('when.noDoctor'));
  const slot = kiosk.getByTestId('slot').filter({ hasText: time }).first();
  await expect(slot).toContainText(doctorName);
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
export async function cameraShowing(dir: string, token: string): Promise<Browser> {
  const y4m = join(dir, `ticket-${token.slice(-8)}.y4m`);
  writeFileSync(y4m, qrY4m(token));
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, `--use-file-for-fake-video-capture=${y4m}`],
  });
}

/** "I have an appointment" on the welcome screen, the emergency question, then the camera. */
export async function checkInPage(browser: Browser, url: string): Promise<Page> {
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

/** The contact step: skipped, or a phone typed on the digit pad (the reminder then asked). */
async function giveContact(kiosk: Page, phone: string | undefined): Promise<void> {
  if (!phone) return void (await kiosk.getByRole('button', { name: w('contact.skip'), exact: true }).click());
  await expectStep(kiosk, 'contact');
  await kiosk.getByLabel(w('contact.phone')).click();
  for (const c of phone) await kiosk.getByTestId('keyboard').getByRole('button', { name: c, exact: true }).click();
  await kiosk.getByRole('button', { name: w('frame.continue'), exact: true }).click();
}
