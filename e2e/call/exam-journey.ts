import type { Browser, BrowserContext, Page } from '@playwright/test';
import { DEV_DOCTOR, expect } from './call-fixtures';
import { consentToWaiting, confirmToConsent, PATIENT, startToIdentify, typeIdentity } from '../flows/journey';

/**
 * The kiosk of an examination-device e2e (stethoscope, otoscope) in its own Chromium, whose fake
 * media the test chose: the real screens walked in French up to the waiting room. `prepare` runs on
 * the context before the page opens (e.g. a script that watches what the page captures).
 */
export async function kioskInWaitingRoom(
  kioskBrowser: Browser,
  url: string,
  prepare?: (context: BrowserContext) => Promise<void>,
): Promise<Page> {
  const context = await kioskBrowser.newContext({
    permissions: ['camera', 'microphone'],
    viewport: { width: 1080, height: 1920 },
  });
  await prepare?.(context);
  const kiosk = await context.newPage();
  kiosk.on('pageerror', (error) => console.error(`[kiosk page error] ${error.message}`));
  await kiosk.goto(url);
  await startToIdentify(kiosk, 'fr', false);
  await typeIdentity(kiosk, 'fr', PATIENT.nir, false);
  await confirmToConsent(kiosk, 'fr', false);
  await consentToWaiting(kiosk, 'fr', false);
  return kiosk;
}

/** The dev doctor signs in on the real console and accepts the last patient waiting; the consultation's id. */
export async function signInAndAccept(console_: Page): Promise<string> {
  await console_.setViewportSize({ width: 1366, height: 1000 });
  await console_.getByTestId('sign-in-email').fill(DEV_DOCTOR.email);
  await console_.getByTestId('sign-in-password').fill(DEV_DOCTOR.password);
  await console_.getByTestId('sign-in-submit').click();
  await expect(console_.getByTestId('queue-row').first()).toBeVisible({ timeout: 20_000 });
  await console_.getByTestId('queue-row').last().getByTestId('queue-accept').click();
  await expect(console_.getByTestId('consultation')).toBeVisible();
  return (await console_.getByTestId('consultation').getAttribute('data-consultation-id'))!;
}
