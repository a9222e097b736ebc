import type { Page } from '@playwright/test';
import { JOURNEY } from '../../main/flow/testing/whole-journey';
import { saveScreen } from '../support/a11y';
import { expectFits, pageScrollSize } from '../support/fit';
import { expect, kioskAccepts, test } from './flow-fixtures';
import { chooseLanguage, expectStep, words, type Lang } from './journey';

/**
 * The two screens before the call that were taller than the kiosk's 1080×1920 screen (issue 16
 * item 1): the consent (one yes/no per use, issue 21 item 5) and the appointment check-in with its
 * on-screen keyboard open. Each fits without scrolling the page, in the four languages and in large
 * text: the answer buttons always in sight, the consent's whole text reachable in its own region.
 * The answers go straight to the flow up to the screen. Screenshots:
 * e2e/artifacts/screens/<lang>[-large]/fit-{consent,check-in-keyboard}.png.
 */
const TO_CONSENT = JOURNEY.slice(
  JOURNEY.findIndex((intention) => intention.type === 'TYPE_DETAILS'),
  JOURNEY.findIndex((intention) => intention.type === 'CONSENT_SUBMIT'),
);

for (const lang of ['fr', 'en', 'es', 'ar'] as const satisfies readonly Lang[]) {
  for (const large of [false, true]) {
    const variant = `${lang}${large ? '-large' : ''}`;
    test(`the consent and the check-in with its keyboard fit the kiosk screen (${variant})`, async ({
      page,
      kioskUrl,
    }) => {
      const w = words(lang);
      await page.goto(kioskUrl);
      if (lang !== 'fr') await chooseLanguage(page, lang);
      if (large) await page.getByRole('button', { name: w('welcome.largeText') }).click();

      if (large) await expect(page.locator('.app')).toHaveClass(/large-text/);

      // "I have an appointment", then the booking code's keyboard.
      await page.getByTestId('welcome-check-in').click();
      await expectStep(page, 'emergency');
      await page.getByRole('button', { name: w('emergency.none') }).click();
      await expectStep(page, 'check-in');
      await page.getByTestId('check-in-type-code').click();
      const checkIn = page.getByTestId('screen-check-in');
      await expect(page.getByTestId('keyboard')).toBeVisible();
      console.log(`${variant} check-in keyboard: page ${JSON.stringify(await pageScrollSize(page))}`);
      await saveScreen(page, variant, 'fit-check-in-keyboard');
      await expectFits(page, `${variant} check-in keyboard`, [
        checkIn.getByRole('button'),
        page.getByTestId('help-button'),
        page.getByTestId('check-in-code'),
      ]);

      // No booking: the walk-in journey, its answers straight to the flow up to the consent.
      await page.getByRole('button', { name: w('checkIn.walkIn') }).click();
      await expectStep(page, 'identify');
      for (const intention of TO_CONSENT) expect(await kioskAccepts(page, intention), intention.type).toBe(true);
      await expectStep(page, 'consent');
      const consent = page.getByTestId('screen-consent');
      const texts = await page
        .getByTestId('consent-scroll')
        .evaluate((el) => ({ shown: el.clientHeight, content: el.scrollHeight }));
      console.log(
        `${variant} consent: page ${JSON.stringify(await pageScrollSize(page))}, texts ${JSON.stringify(texts)}`,
      );
      await saveScreen(page, variant, 'fit-consent');
      // The answers, the navigation and "read on" stay in sight; each use's yes/no is inside the
      // texts' region, reached by scrolling it (expectTextReachable).
      await expectFits(page, `${variant} consent`, [
        consent.locator('.consent-answer button, .frame-nav button, button.repeat, [data-testid=consent-more]'),
        page.getByTestId('help-button'),
        page.getByTestId('consent-scroll'),
      ]);
      await expectTextReachable(page);
    });
  }
}

/**
 * The consent's own region scrolls when its text is longer than the room left: scrolled to its
 * end, its last line and every use's yes/no come into sight inside the region.
 */
async function expectTextReachable(page: Page): Promise<void> {
  const region = page.getByTestId('consent-scroll');
  for (const last of [page.getByTestId('consent-withdraw'), page.getByTestId('consent-use-reminders')]) {
    await last.scrollIntoViewIfNeeded();
    await expect(last).toBeInViewport({ ratio: 1 });
  }
  const box = (await region.boundingBox())!;
  const end = (await page.getByTestId('consent-withdraw').boundingBox())!;
  expect(end.y + end.height, 'the last line lies inside the consent region').toBeLessThanOrEqual(
    box.y + box.height + 0.5,
  );
  await region.evaluate((el) => el.scrollTo(0, 0));
}
