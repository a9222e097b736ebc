import type { Page } from '@playwright/test';
import { checkScreen } from '../support/a11y';
import { currentFlow, expect, test } from '../flows/flow-fixtures';
import { chooseLanguage, expectStep, typeKeys, words, type Lang } from '../flows/journey';

/**
 * Issue 21 item 1 on the real screens (the kiosk web host, Chromium): a patient without an NIR
 * types the INS traits on the on-screen keyboard, finds the birthplace from a country's name, and
 * the identity leaves provisional, with no NIR. Every form is checked (large targets, no serious
 * accessibility fault) and pictured in the four languages.
 */
async function toNoNirForm(page: Page, kioskUrl: string, lang: Lang): Promise<void> {
  const w = words(lang);
  await page.goto(kioskUrl);
  if (lang !== 'fr') await chooseLanguage(page, lang);
  await page.getByRole('button', { name: w('welcome.start') }).click();
  await page.getByRole('button', { name: w('emergency.none') }).click();
  await expectStep(page, 'identify');
  await page.getByRole('button', { name: w('identify.typeDetails') }).click();
  await expectStep(page, 'identify-manual');
  await page.getByTestId('manual-no-nir').click();
  await expect(page.getByTestId('manual-no-nir')).toHaveText(w('manual.haveNir'));
}

test('a foreign patient without an NIR: birth names, date, sex, country of birth chosen by name → provisional, no NIR', async ({
  page,
  kioskUrl,
}) => {
  const w = words('fr');
  await toNoNirForm(page, kioskUrl, 'fr');
  // Nothing chosen: the sex and the birthplace are asked for plainly, nothing is lost.
  await typeKeys(page, 'ELAMRANI');
  await page.getByRole('button', { name: w('manual.submit'), exact: true }).click();
  await expect(page.getByTestId('error-sex')).toHaveText(`⚠ ${w('identify.error.required')}`);
  await expect(page.getByTestId('error-birthplace')).toBeVisible();
  await expect(page.locator('#manual-lastName')).toHaveValue('ELAMRANI');

  await page.locator('#manual-firstName').click();
  await typeKeys(page, 'YASMINE');
  await page.locator('#manual-day').click();
  await typeKeys(page, '14');
  await page.locator('#manual-month').click();
  await typeKeys(page, '03');
  await page.locator('#manual-year').click();
  await typeKeys(page, '1990');
  await page.getByTestId('manual-sex-F').click();
  await page.getByTestId('manual-born-abroad').click();
  await page.locator('#manual-birthplace').click();
  await typeKeys(page, 'MAR');
  await page.getByTestId('manual-birthplace-matches').getByRole('button', { name: 'Maroc' }).click();
  await expect(page.getByTestId('manual-birthplace-chosen')).toHaveAttribute('data-code', '99350');
  await checkScreen(page, 'fr', 'identify-manual-no-nir');
  await page.getByRole('button', { name: w('manual.submit'), exact: true }).click();

  await expectStep(page, 'identity-confirm');
  await expect(page.getByTestId('screen-identity-confirm')).toContainText('Maroc');
  await expect(page.getByTestId('identity-provisional')).toHaveText(w('confirm.provisional'));
  await checkScreen(page, 'fr', 'identity-confirm-no-nir');
  expect((await currentFlow(page)).identification.identity).toEqual({
    lastName: 'ELAMRANI',
    firstName: 'YASMINE',
    birthDate: '1990-03-14',
    nir: null,
    source: 'manual',
    traits: {
      birthName: 'ELAMRANI',
      birthGivenNames: 'YASMINE',
      birthDate: '1990-03-14',
      sex: 'F',
      birthplaceCode: '99350',
      usedName: null,
      usedGivenName: null,
    },
  });
});

for (const lang of ['en', 'es', 'ar'] as const)
  test(`the form without an NIR in ${lang}: a French commune found from its name`, async ({ page, kioskUrl }) => {
    await toNoNirForm(page, kioskUrl, lang);
    await page.getByTestId('manual-sex-M').click();
    await page.locator('#manual-birthplace').click();
    await typeKeys(page, 'PARIS');
    await expect(page.getByTestId('manual-birthplace-matches').getByRole('button')).toHaveCount(6);
    await checkScreen(page, lang, 'identify-manual-no-nir');
  });
