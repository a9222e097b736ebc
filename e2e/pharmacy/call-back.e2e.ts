import type { Browser, Page } from '@playwright/test';
import { DEV_DOCTOR, expect, openCallPage, test } from '../call/call-fixtures';
import { kioskInWaitingRoom } from '../call/exam-journey';
import { expectStep } from '../flows/journey';
import { expectNoSeriousA11yViolation, expectTouchTargets, saveScreen } from '../support/a11y';
import { expectBuilt } from '../support/built';

/**
 * Issue 18's "leave and be called back": the patient leaves the waiting room with a phone number
 * and a ticket; nobody is on duty, so nothing happens; a doctor signs in and goes on duty (free):
 * the patient would be next, and the pharmacist's portal (another browser) says to call the ticket
 * back, with the phone, the hold, and the chime. Real platform (`--dev`: the development pharmacy
 * owns the e2e kiosk as "Cabine 1"), real kiosk screens, real console and portal.
 */
async function openPortal(browser: Browser, platformUrl: string): Promise<Page> {
  const page = await openCallPage(browser, `${platformUrl}/portal/`);
  await page.setViewportSize({ width: 1024, height: 900 });
  await page.getByTestId('sign-in-email').fill('pharmacien@kiosk.test');
  await page.getByTestId('sign-in-password').fill('comptoir-dev');
  await page.getByTestId('sign-in-submit').click();
  await expect(page.getByTestId('portal-board')).toHaveAttribute('data-status', 'live');
  return page;
}

test('the patient leaves with a phone number; once a doctor is free the portal says to call the ticket back', async ({
  browser,
  platform,
  kioskOnPlatform,
}) => {
  test.setTimeout(180_000);
  expectBuilt('kiosk screens', 'portal');
  // The worker's platform is shared: a patient an earlier test left waiting (its page closed) stays
  // in the queue for the kiosk's 60 s grace. This test asserts what the doctor is offered, so it
  // starts from an empty queue.
  await expect
    .poll(async () => ((await (await fetch(`${platform.url}/healthz`)).json()) as { waiting: number }).waiting, {
      timeout: 90_000,
      intervals: [1_000],
    })
    .toBe(0);
  const portal = await openPortal(browser, platform.url);
  const kiosk = await kioskInWaitingRoom(browser, kioskOnPlatform);

  // Offered once the platform has the patient in its queue (a place to keep).
  await kiosk.getByTestId('step-away-open').click();
  const panel = kiosk.getByTestId('step-away');
  for (const digit of '0612345678') await panel.getByRole('button', { name: digit, exact: true }).click();
  await expect(panel.getByLabel(/Votre téléphone/)).toHaveValue('0612345678');
  await expectTouchTargets(kiosk, 'step-away');
  await saveScreen(kiosk, 'fr', 'step-away-phone');
  await panel.getByTestId('step-away-confirm').click();

  await expectStep(kiosk, 'away-ticket');
  const ticket = (await kiosk.getByTestId('away-ticket-number').textContent())!.trim();
  expect(ticket).toMatch(/^\d{1,3}$/);
  // A portal was open: the screen may say the pharmacist's screen will ask to call the number.
  await expect(kiosk.getByTestId('away-ticket-promises')).toContainText(
    "l'écran du pharmacien lui demandera de vous appeler",
  );
  await expect(kiosk.getByTestId('away-ticket-promises')).toContainText('gardée 10 minutes');
  await expectNoSeriousA11yViolation(kiosk, 'away-ticket');
  await saveScreen(kiosk, 'fr', 'away-ticket');

  const card = portal.locator(`[data-testid="callback"][data-ticket="${ticket}"]`);
  await expect(card).toHaveAttribute('data-status', 'away');
  await expect(card.getByTestId('callback-phone')).toHaveText('Téléphone : 06 12 34 56 78 — Cabine 1');
  await expect(portal.getByTestId('portal-board')).toHaveAttribute('data-alarm', 'off');
  // The cabin is free for the next patient: the one who left is not in it.
  await kiosk.getByRole('button', { name: "J'ai noté mon numéro" }).click();
  await expectStep(kiosk, 'goodbye');
  await saveScreen(portal, 'portal', 'callback-away');

  // A doctor signs in (off duty: still nobody to take the patient), then goes on duty, free.
  const console_ = await openCallPage(browser, `${platform.url}/console/`);
  await console_.setViewportSize({ width: 1280, height: 720 });
  await console_.getByTestId('sign-in-email').fill(DEV_DOCTOR.email);
  await console_.getByTestId('sign-in-password').fill(DEV_DOCTOR.password);
  await console_.getByTestId('sign-in-submit').click();
  await expect(console_.getByTestId('duty-toggle')).toHaveAttribute('aria-pressed', 'false');
  await expect(card).toHaveAttribute('data-status', 'away');
  // The patient is not in the cabin: the doctor's list does not offer them.
  await expect(console_.getByTestId('queue-row')).toHaveCount(0);
  const onDutyAt = Date.now();
  await console_.getByTestId('duty-toggle').click();
  await expect(console_.getByTestId('duty-toggle')).toHaveAttribute('aria-pressed', 'true');

  await expect(card).toHaveAttribute('data-status', 'call-now', { timeout: 5_000 });
  console.log(`doctor on duty → "call back ticket ${ticket}" on the portal in ${Date.now() - onDutyAt} ms`);
  await expect(card).toContainText(`Rappelez le ticket ${ticket} maintenant`);
  await expect(card).toContainText(/Place gardée jusqu'à \d\d:\d\d, puis libérée/);
  await expect(card.getByTestId('callback-phone')).toContainText('06 12 34 56 78');
  await expect(portal.getByTestId('portal-board')).toHaveAttribute('data-alarm', 'chime');
  await expect(console_.getByTestId('queue-row')).toHaveCount(0);
  await expectTouchTargets(portal, 'portal callback');
  await expectNoSeriousA11yViolation(portal, 'portal callback');
  await saveScreen(portal, 'portal', 'callback-call-now');

  // The pharmacist brings the patient back: the next session at the cabin will take the place.
  await card.getByTestId('callback-resume').click();
  await expect(card).toHaveAttribute('data-status', 'resuming');
  await expect(portal.getByTestId('portal-board')).toHaveAttribute('data-alarm', 'off');
  await saveScreen(portal, 'portal', 'callback-resuming');
});
