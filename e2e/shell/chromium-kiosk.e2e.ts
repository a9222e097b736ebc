import { chromium } from '@playwright/test';
import { writeJourneyConfig } from '../flows/flow-fixtures';
import { walkHappyPath } from '../flows/happy-journey';
import { expect, test } from '../support/fixtures';
import { startEntry } from '../support/processes';

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
    const browser = await chromium.connectOverCDP(shell.values.CDP_URL!, { timeout: 60_000 });
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
