import { defineConfig } from '@playwright/test';
import { isCi } from '../common/util/testing/ci';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './support/chromium';

/**
 * e2e drives Debian's Chromium (no browser download) headless with fake camera and microphone,
 * against the web host started per test by the fixtures in support/.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.e2e.ts',
  outputDir: 'artifacts/results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // A stray `.only` would let CI pass while skipping every other test: refused there.
  forbidOnly: isCi(process.env),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    viewport: { width: 1080, height: 1920 },
    locale: 'fr-FR',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
