import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { test as base } from '../support/fixtures';
import { startEntry } from '../support/processes';
import { fetchCallTicket, startCallPagesServer } from './call-pages';
import { buildLiveKioskPage, startKioskHost } from './kiosk-host';
import type { CallTicket } from '../../common/signaling/call-ticket';

/** Contexts opened by openCallPage during the current test (closed by the closeCallPages fixture). */
const openContexts = new Set<BrowserContext>();

/** The dev doctor account the platform seeds with --dev (README). */
export const DEV_DOCTOR = { email: 'dr.martin@kiosk.test', password: 'consultation-dev' };
export const E2E_KIOSK_ID = 'kiosk-e2e';

export interface PlatformFixture {
  url: string;
  /** Test hook: the media server drops a peer's transports without telling it (a dead media path). */
  dropMedia(consultationId: string, peer: 'kiosk' | 'doctor'): Promise<boolean>;
  /** The credential file the platform wrote for E2E_KIOSK_ID (--dev-kiosk). */
  credentialFile: string;
  /** A call ticket for a new session, fetched like the kiosk's main does (with the kiosk credential). */
  ticket(): Promise<CallTicket>;
}

/**
 * Worker-scoped: the platform (`server/main.ts --port 0 --dev`, one mediasoup worker) and a Vite
 * dev server for the call test pages (renderer/streaming/testing/*.html), both on loopback.
 */
export const test = base.extend<
  { kioskOnPlatform: string; liveKioskPage: string; closeCallPages: void },
  { platform: PlatformFixture; pagesUrl: string; liveKioskBuild: string }
>({
  /**
   * The kiosk web host (simulated devices) configured for the platform fixture: its config's
   * platform.url and credential file point there, as `npm start` does. Resolves to its URL.
   * For the switch to the real screens (see e2e/call/README.md).
   * `liveKioskPage`: the same host serving the call test page (renderer/streaming/testing/live)
   * instead of the screens, so the vitals come from the kiosk API and its simulated oximeter.
   */
  /**
   * Closes every page a test opened with openCallPage when the test ends. The browser outlives the
   * test, and a call page left open keeps its fake camera, encoder and WebRTC running: by the end
   * of the call files, leftovers of earlier tests took most of the two cores.
   */
  closeCallPages: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      await use();
      await Promise.all([...openContexts].map((context) => context.close().catch(() => undefined)));
      openContexts.clear();
    },
    { auto: true },
  ],
  kioskOnPlatform: async ({ platform }, use) => {
    const host = await startKioskHost({
      platformUrl: platform.url,
      credentialFile: platform.credentialFile,
      kioskId: E2E_KIOSK_ID,
    });
    await use(host.url);
    await host.stop();
  },
  liveKioskPage: async ({ platform, liveKioskBuild }, use) => {
    const host = await startKioskHost({
      platformUrl: platform.url,
      credentialFile: platform.credentialFile,
      kioskId: E2E_KIOSK_ID,
      staticDir: liveKioskBuild,
    });
    await use(`${host.url}/`);
    await host.stop();
  },
  liveKioskBuild: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => use(await buildLiveKioskPage()),
    { scope: 'worker' },
  ],
  platform: [
    // Playwright reads the fixture's dependencies from this destructuring; this one has none.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const dir = mkdtempSync(join(tmpdir(), 'platform-e2e-'));
      const credentialFile = join(dir, 'kiosk-credential');
      const platform = await startEntry(
        'server/main.ts',
        [
          '--port',
          '0',
          '--data-dir',
          join(dir, 'data'),
          '--dev',
          '--dev-kiosk',
          `${E2E_KIOSK_ID}=${credentialFile}`,
          '--workers',
          '1',
          '--test-hooks',
        ],
        ['PLATFORM_URL'],
      );
      const url = platform.values.PLATFORM_URL!;
      const ticket = () =>
        fetchCallTicket(url, readFileSync(credentialFile, 'utf8').trim(), E2E_KIOSK_ID, {
          ageYears: 41,
          specialty: 'general-practice',
          territory: '75',
          reason: 'Fièvre et toux depuis trois jours',
        });
      const dropMedia = async (consultationId: string, peer: 'kiosk' | 'doctor') => {
        const res = await fetch(`${url}/api/test/drop-media?consultation=${consultationId}&peer=${peer}`, {
          method: 'POST',
        });
        return ((await res.json()) as { dropped: boolean }).dropped;
      };
      await use({ url, credentialFile, ticket, dropMedia });
      await platform.stop();
    },
    { scope: 'worker' },
  ],
  pagesUrl: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const server = await startCallPagesServer();
      await use(server.url);
      await server.close();
    },
    { scope: 'worker' },
  ],
});

export { expect } from '../support/fixtures';

/** A page in its own browser context (its own fake camera), on one of the call test pages. */
export async function openCallPage(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({
    permissions: ['camera', 'microphone'],
    viewport: { width: 800, height: 600 },
  });
  openContexts.add(context);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  await page.goto(url);
  return page;
}
