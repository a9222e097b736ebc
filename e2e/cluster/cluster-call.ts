import type { Browser, BrowserContext, Page } from '@playwright/test';
import { DEV_DOCTOR, expect, test } from '../call/call-fixtures';
import { startKioskHost } from '../call/kiosk-host';
import { words } from '../flows/journey';
import { callCounters, growth, working, workingParts, type CallCounters } from './call-probes';
import { CLUSTER_KIOSK, startCluster, type ClusterStack } from './cluster-stack';

/**
 * What the cluster e2e tests share: placing a browser on a node (HAProxy's cookie), the doctor's
 * console, and waiting for a call to work, or to work again after a node's death.
 */
export const SAMPLE_MS = 500;
/** Issue 15: a call whose media node died is re-established within 10 s, vitals resumed. */
export const RESUME_WITHIN_MS = 10_000;

/** A browser context whose requests to the public URL HAProxy sends to `node` (its persistence cookie). */
export async function onNode(context: BrowserContext, publicUrl: string, node: string): Promise<void> {
  await context.addCookies([{ name: 'PLATFORM_NODE', value: node, url: publicUrl }]);
}

/** When each signalling socket of a context's pages closed (ms since the epoch), in order. */
export function signalClosings(context: BrowserContext): number[] {
  const closings: number[] = [];
  context.on('page', (page) =>
    page.on('websocket', (ws) => {
      if (new URL(ws.url()).pathname === '/signal') ws.on('close', () => closings.push(Date.now()));
    }),
  );
  return closings;
}

/** The node that answers this context's requests through the public URL (its /healthz). */
export async function nodeOf(context: BrowserContext, publicUrl: string): Promise<string> {
  const res = await context.request.get(`${publicUrl}/healthz`);
  return ((await res.json()) as { cluster: { node: string } }).cluster.node;
}

/** A doctor's console whose requests HAProxy sends to `node` (node B unless told). */
export async function consoleOn(
  browser: Browser,
  cluster: ClusterStack,
  node = cluster.b,
): Promise<{ page: Page; closings: number[] }> {
  const context = await browser.newContext({
    permissions: ['camera', 'microphone'],
    viewport: { width: 1366, height: 1000 },
  });
  await onNode(context, cluster.publicUrl, node.id);
  const closings = signalClosings(context);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[console page error] ${error.message}`));
  await page.goto(`${cluster.publicUrl}/console/`);
  return { page, closings };
}

export async function signIn(console_: Page, account: { email: string; password: string }): Promise<void> {
  await console_.getByTestId('sign-in-email').fill(account.email);
  await console_.getByTestId('sign-in-password').fill(account.password);
  await console_.getByTestId('sign-in-submit').click();
}

/** Waits until the call works over one sampling window; the counters then. */
export async function untilWorking(kiosk: Page, console_: Page, withinMs: number): Promise<CallCounters> {
  const deadline = Date.now() + withinMs;
  let before = await callCounters(kiosk, console_);
  for (;;) {
    await kiosk.waitForTimeout(SAMPLE_MS);
    const after = await callCounters(kiosk, console_);
    if (working(growth(before, after))) return after;
    if (Date.now() > deadline) throw new Error(`the call is not working: ${JSON.stringify({ before, after })}`);
    before = after;
  }
}

/** Ms from a node's death to each part of the call working again, and to the whole call. */
export type Resumed = Record<keyof CallCounters | 'call', number> & { signedInAgain: boolean };

/**
 * After a node's death: the console may find its session gone (doctor sessions live in the memory of
 * the node that held the calls until they move to the shared store): then the doctor signs in again
 * and the console rejoins the call by itself. Resolves when the whole call works again.
 */
export async function resumed(kiosk: Page, console_: Page, killedAt: number): Promise<Resumed> {
  const at: Partial<Resumed> = { signedInAgain: false };
  const deadline = killedAt + 30_000;
  // A window that starts once the media node is gone: frames in it were not in flight before.
  await kiosk.waitForTimeout(SAMPLE_MS);
  let before = await callCounters(kiosk, console_);
  for (;;) {
    if (!at.signedInAgain && (await console_.getByTestId('sign-in').isVisible())) {
      at.signedInAgain = true;
      await signIn(console_, DEV_DOCTOR);
    }
    await kiosk.waitForTimeout(SAMPLE_MS);
    const after = await callCounters(kiosk, console_);
    const g = growth(before, after);
    for (const part of workingParts(g)) at[part] ??= Date.now() - killedAt;
    if (working(g)) return { ...(at as Resumed), call: Date.now() - killedAt };
    if (Date.now() > deadline) throw new Error(`the call did not resume: ${JSON.stringify({ before, after })}`);
    before = after;
  }
}

/** The doctor asks for the SpO2, the patient follows the kiosk's guidance, the value reaches the console. */
export async function spo2OfRecord(kiosk: Page, console_: Page): Promise<void> {
  const w = words('fr');
  await console_.getByTestId('measure-oximetry').click();
  const overlay = kiosk.getByTestId('measurement');
  await expect(overlay).toHaveAttribute('data-phase', 'instructions', { timeout: 15_000 });
  await kiosk.getByRole('button', { name: w('measure.ready'), exact: true }).click();
  await expect(overlay).toHaveAttribute('data-phase', 'result', { timeout: 60_000 });
  await kiosk.getByRole('button', { name: w('measure.confirm') }).click();
  await expect(console_.getByTestId('record-oximetry').locator('.big')).toHaveText(/\d/, { timeout: 15_000 });
}

/** The doctor ends the resumed call with a prescription; its number, from the report. */
export async function endWithPrescription(console_: Page): Promise<string> {
  await console_.getByTestId('rx-item-0').fill('Paracétamol 1 g');
  await console_.getByTestId('rx-dosage-0').fill('1 comprimé 3 fois par jour');
  await console_.getByTestId('rx-duration-0').fill('5 jours');
  await console_.getByTestId('end-call').click();
  await console_.getByTestId('rx-sign').click();
  await expect(console_.getByTestId('report-rx-number')).toContainText(/RX-\d{4}-\d{6}-\d/);
  return (await console_.getByTestId('report-rx-number').textContent())!.match(/RX-\d{4}-\d{6}-\d/)![0];
}

type KioskHost = Awaited<ReturnType<typeof startKioskHost>>;

/**
 * Runs `body` on a started cluster and a kiosk host on its public URL, then closes the browser
 * contexts the body opened (the browser outlives the test, and a call page left open keeps its fake
 * camera and WebRTC running for the next tests), attaches the nodes' logs when the test failed, and
 * stops the host and the cluster.
 */
export async function withClusterAndKiosk(
  browser: Browser,
  body: (cluster: ClusterStack, host: KioskHost) => Promise<void>,
): Promise<void> {
  const earlier = new Set(browser.contexts());
  const cluster = await startCluster();
  const host = await startKioskHost({
    platformUrl: cluster.publicUrl,
    credentialFile: cluster.credentialFile,
    kioskId: CLUSTER_KIOSK,
    flow: { spo2SettlingSeconds: 2 },
  }).catch(async (error: unknown) => {
    await cluster.stop();
    throw error;
  });
  try {
    await body(cluster, host);
  } finally {
    const opened = browser.contexts().filter((c) => !earlier.has(c));
    await Promise.all(opened.map((c) => c.close().catch(() => {})));
    if (test.info().status !== test.info().expectedStatus)
      await test.info().attach('nodes.log', { body: cluster.logs(), contentType: 'text/plain' });
    await host.stop();
    await cluster.stop();
  }
}
