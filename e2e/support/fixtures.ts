import { test as base } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEntry } from './processes';

/** A kiosk web host with its own data and runtime dirs, started for one test. */
export const test = base.extend<{ kioskUrl: string }>({
  // Playwright reads the fixture's dependencies from this destructuring; this one has none.
  // eslint-disable-next-line no-empty-pattern
  kioskUrl: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-'));
    const host = await startEntry('main/web-host/main.ts', ['--port', '0'], ['KIOSK_URL'], {
      KIOSK_DATA_DIR: join(dir, 'data'),
      KIOSK_RUNTIME_DIR: join(dir, 'run'),
    });
    await use(host.values.KIOSK_URL!);
    await host.stop();
  },
});

export { expect } from '@playwright/test';
