import { expect } from '@playwright/test';
import { test } from './flow-fixtures';
import {
  chooseLanguage,
  confirmToConsent,
  expectStep,
  PATIENT,
  startToIdentify,
  typeIdentity,
  words,
  type Lang,
} from './journey';

/**
 * The consent screen asks each secondary use on its own (issue 21 item 5): in each language the
 * screen passes the accessibility checks (checkScreen: axe, target sizes, screenshot), each use has
 * its own yes/no, and the answer reaches the next step with the patient's choices.
 */
for (const lang of ['fr', 'ar'] as Lang[]) {
  test(`consent per use in ${lang}: one yes/no per use, then on to the reason`, async ({ page, kioskUrl }) => {
    test.setTimeout(120_000);
    const w = words(lang);
    await page.goto(kioskUrl);
    if (lang !== 'fr') await chooseLanguage(page, lang);
    await startToIdentify(page, lang, false);
    await typeIdentity(page, lang, PATIENT.nir, false);
    await confirmToConsent(page, lang, true);
    for (const use of ['research', 'gp-report', 'reminders']) {
      await expect(page.getByTestId(`consent-use-${use}`)).toContainText(w(`consent.uses.${use}.title`));
    }
    const gp = page.getByTestId('consent-use-gp-report');
    await gp.getByRole('button', { name: w('frame.yes'), exact: true }).click();
    await expect(gp.getByRole('button', { name: w('frame.yes'), exact: true })).toHaveAttribute('aria-pressed', 'true');
    await page
      .getByTestId('consent-use-research')
      .getByRole('button', { name: w('frame.no'), exact: true })
      .click();
    await page.screenshot({ path: `e2e/artifacts/screens/${lang}/consent-answered.png`, fullPage: true });
    await page.getByRole('button', { name: w('consent.accept'), exact: true }).click();
    await expectStep(page, 'reason');
  });
}
