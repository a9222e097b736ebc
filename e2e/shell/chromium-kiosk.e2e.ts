import { chromium } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { startEntry } from '../support/processes';

test('the Chromium fallback shell opens the kiosk full screen on the welcome screen', async () => {
  const shell = await startEntry('scripts/kiosk-chromium.ts', ['--headless', '--debug-port', '0'], ['KIOSK_URL', 'CDP_URL']);
  try {
    const browser = await chromium.connectOverCDP(shell.values.CDP_URL!);
    const [context] = browser.contexts();
    const page = context!.pages().find((p) => p.url().startsWith(shell.values.KIOSK_URL!)) ?? (await context!.waitForEvent('page'));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bonjour');
    await expect(page.getByTestId('help-button')).toBeVisible();
    await browser.close();
  } finally {
    await shell.stop();
  }
});
