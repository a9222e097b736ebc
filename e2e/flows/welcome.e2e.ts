import { expect, test } from '../support/fixtures';

test('the welcome screen speaks French first and switches to Arabic right-to-left', async ({ page, kioskUrl }) => {
  await page.goto(kioskUrl);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bonjour');
  await expect(page.getByRole('button', { name: 'Commencer' })).toBeVisible();
  await expect(page.getByTestId('help-button')).toHaveText(/Appeler le pharmacien/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');

  await page.getByRole('button', { name: 'العربية' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('مرحبًا');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
});

test('the start button is a large touch target', async ({ page, kioskUrl }) => {
  await page.goto(kioskUrl);
  const box = await page.getByRole('button', { name: 'Commencer' }).boundingBox();
  expect(box?.height ?? 0).toBeGreaterThanOrEqual(60);
  expect(box?.width ?? 0).toBeGreaterThanOrEqual(60);
});
