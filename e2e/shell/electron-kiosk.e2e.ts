import { _electron as electron } from '@playwright/test';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { expect, test } from '../support/fixtures';
import { ROOT } from '../support/processes';

const require = createRequire(import.meta.url);
const electronDist = resolve(require.resolve('electron/package.json'), '..', 'dist');

test('the Electron kiosk opens locked down on the welcome screen', async () => {
  test.skip(
    !existsSync(electronDist),
    `No Electron binary at ${electronDist}: its postinstall download is denied (package.json allowScripts) because ` +
      'only the npm registry and Debian are reachable here. The Electron layer is covered by main/electron/*.test.ts ' +
      'against a typed fake; this test runs where "npx electron --version" works.',
  );
  const app = await electron.launch({
    args: [resolve(ROOT, 'dist/electron/main.mjs')],
    env: { ...process.env, KIOSK_LOG_LEVEL: 'warn' },
  });
  const page = await app.firstWindow();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bonjour');
  expect(page.url()).toMatch(/^kiosk:\/\/app\//);
  expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
  await app.close();
});
