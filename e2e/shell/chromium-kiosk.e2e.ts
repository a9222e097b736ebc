import { chromium, type Browser } from '@playwright/test';
import { writeJourneyConfig } from '../flows/flow-fixtures';
import { walkHappyPath } from '../flows/happy-journey';
import { expect, test } from '../support/fixtures';
import { startEntry } from '../support/processes';

/**
 * Playwright's attach to a running Chromium sometimes stays pending after the socket opened
 * (microsoft/playwright#32388, #36435: seen here once in a CI run, the shell itself up and
 * serving): a fresh attempt gets through, so up to three of 20 s each.
 */
async function attachOverCdp(url: string): Promise<Browser> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await chromium.connectOverCDP(url, { timeout: 20_000 });
    } catch (error) {
      if (attempt === 3) throw error;
      console.warn(`attach over CDP, attempt ${attempt} failed: ${(error as Error).message.split('\n')[0]}`);
    }
  }
}

test('the Chromium fallback shell opens the kiosk full screen and carries the whole patient journey', async () => {
  test.setTimeout(180_000);
  // `npm run kiosk:chromium` as the cabin runs it (web host + Debian Chromium in --kiosk --app mode),
  // headless here, with the journey's short delays; the test drives the shell's own page over CDP.
  const { configPath, env } = writeJourneyConfig();
  const shell = await startEntry(
    'scripts/kiosk-chromium.ts',
    ['--headless', '--debug-port', '0'],
    ['KIOSK_URL', 'CDP_URL'],
    { ...env, KIOSK_CONFIG: configPath },
  );
  try {
    const browser = await attachOverCdp(shell.values.CDP_URL!);
    const [context] = browser.contexts();
    const page =
      context!.pages().find((p) => p.url().startsWith(shell.values.KIOSK_URL!)) ??
      (await context!.waitForEvent('page'));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bonjour');
    await expect(page.getByTestId('help-button')).toBeVisible();
    // Screens are checked with axe by the four-language journeys; here the point is the shell.
    await walkHappyPath(page, 'fr', false);
    await browser.close();
  } finally {
    await shell.stop();
  }
});
