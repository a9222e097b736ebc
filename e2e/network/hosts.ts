import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import type { CallTicket } from '../../common/signaling/call-ticket';
import { PLATFORM_API } from '../../common/signaling/fleet';
import { startKioskHost } from '../call/kiosk-host';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { startEntry, type Started } from '../support/processes';
import { startCoturn, type Coturn } from './coturn';
import { platformTls, type PlatformTls } from './platform-tls';
import { createTestNetwork, inNs, type TestNetwork } from './netns';

export const KIOSK_ID = 'kiosk-net';
const PLATFORM_PORT = 8480;
/** Where the doctor's browser finds its page: answered by Playwright, never by a network. */
const DOCTOR_ORIGIN = 'http://localhost:8123';

/**
 * What these tests need of the machine, or why they cannot run: root (namespaces, nftables, tc)
 * and Debian's iproute2, nftables, coturn, openssl and Chromium (scripts/setup installs them).
 */
export function missingPieces(): string[] {
  const missing: string[] = [];
  if (process.getuid?.() !== 0) missing.push('root (network namespaces, nftables and tc need it)');
  const has = (command: string) => {
    try {
      execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  for (const [command, pkg] of [
    ['ip', 'iproute2'],
    ['tc', 'iproute2'],
    ['nft', 'nftables'],
    ['turnserver', 'coturn'],
    ['openssl', 'openssl'],
  ] as const)
    if (!has(command)) missing.push(`${command} (Debian package ${pkg}: run scripts/setup)`);
  if (!existsSync(CHROMIUM_PATH)) missing.push(`${CHROMIUM_PATH} (Debian package chromium)`);
  return missing;
}

export interface CallHosts {
  readonly net: TestNetwork;
  readonly coturn: Coturn;
  readonly platformUrl: string;
  readonly kioskPage: Page;
  readonly doctorPage: Page;
  /** The platform's TLS when started with `tls` (its certificate can be renewed before a restart). */
  readonly tls: PlatformTls | null;
  /** The platform's stderr so far (its log, across restarts). */
  platformLog(): string;
  /**
   * Stops the platform (SIGTERM, or SIGKILL for a crash) and starts it again on the same address,
   * data folder and TLS files. `down` runs while it is stopped (a fault run measures the outage).
   */
  restartPlatform(options?: { signal?: NodeJS.Signals; down?: () => Promise<void> }): Promise<void>;
  /** A call ticket for a new session, fetched from inside the kiosk's namespace with its credential. */
  ticket(): CallTicket;
  close(): Promise<void>;
}

export interface CallHostsOptions {
  /** Built call pages: the live kiosk page (served by the kiosk host) and the doctor page. */
  liveKioskBuild: string;
  doctorBuild: string;
  /** Applied to the network before anything connects (a firewall, a rate limit). */
  shape?(net: TestNetwork, coturn: Coturn): void;
  /** The platform's TURN_SECRET when it should not be coturn's (a misconfiguration). */
  turnSecret?(coturn: Coturn): string;
  /** The platform's TURN_URLS when they should not be coturn's listener (a misconfiguration). */
  turnUrls?(coturn: Coturn): string;
  /** Serve the platform over HTTPS/WSS with a test certificate the kiosk and the doctor trust. */
  tls?: boolean;
}

/** The platform process in its namespace: its private address, coturn as TURN, TLS when given. */
function startPlatformHost(
  net: TestNetwork,
  dir: string,
  coturn: Coturn,
  options: CallHostsOptions,
  tls: PlatformTls | null,
): Promise<Started> {
  return startEntry(
    'server/main.ts',
    [
      '--host',
      net.platform.ip,
      '--port',
      String(PLATFORM_PORT),
      '--data-dir',
      join(dir, 'platform'),
      '--dev',
      '--dev-kiosk',
      `${KIOSK_ID}=${join(dir, 'kiosk-credential')}`,
      '--workers',
      '1',
    ],
    ['PLATFORM_URL'],
    {
      KIOSK_LOG_LEVEL: 'info',
      PLATFORM_MEDIA_ANNOUNCED_ADDRESS: net.platform.ip,
      TURN_URLS: options.turnUrls?.(coturn) ?? coturn.tlsUrl,
      TURN_SECRET: options.turnSecret?.(coturn) ?? coturn.secret,
      ...(tls && { PLATFORM_TLS_CERT: tls.certFile, PLATFORM_TLS_KEY: tls.keyFile }),
    },
    30_000,
    net.platform.ns,
  );
}

/**
 * The three hosts of a call across a network: in the platform's namespace coturn and the platform
 * (listening and announcing its private address, TURN_URLS = coturn's TLS listener); in the kiosk's
 * the kiosk web host (simulated devices) serving the live call page, and its Chromium; in the
 * doctor's a Chromium on the doctor page. Everything started is stopped by close(), which also
 * deletes the namespaces — and so does a failure half-way.
 */
export async function startCallHosts(options: CallHostsOptions): Promise<CallHosts> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-network-e2e-'));
  const net = createTestNetwork(dir);
  const cleanups: (() => Promise<unknown> | void)[] = [() => net.destroy()];
  const close = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
  };
  try {
    const coturn = await startCoturn({ ns: net.platform.ns, ip: net.platform.ip, dir });
    cleanups.push(() => coturn.stop());
    options.shape?.(net, coturn);
    const credentialFile = join(dir, 'kiosk-credential');
    const tls = options.tls ? platformTls(dir, net.platform.ip) : null;
    /** The log of the platform processes stopped by restartPlatform, oldest first. */
    let earlierLogs = '';
    let platform = await startPlatformHost(net, dir, coturn, options, tls);
    cleanups.push(() => platform.stop());
    const platformUrl = platform.values.PLATFORM_URL!;
    const kioskHost = await startKioskHost({
      platformUrl,
      credentialFile,
      kioskId: KIOSK_ID,
      staticDir: options.liveKioskBuild,
      netns: net.kiosk.ns,
      // The kiosk trusts the platform's test certificates through its config, as it would its CA.
      ...(tls && { caFile: tls.bundle }),
    });
    cleanups.push(() => kioskHost.stop());
    const browserIn = async (ns: string, extraArgs: string[] = []): Promise<Browser> => {
      const browser = await chromium.launch({
        executablePath: net.chromiumIn(ns),
        // coturn's test certificate is accepted by its key, as a pinned deployment would.
        args: [
          ...CHROMIUM_ARGS,
          `--ignore-certificate-errors-spki-list=${[coturn.spki, ...(tls?.spki ?? [])].join(',')}`,
          ...extraArgs,
        ],
      });
      cleanups.push(() => browser.close());
      return browser;
    };
    const open = async (browser: Browser) => {
      const context = await browser.newContext({
        permissions: ['camera', 'microphone'],
        viewport: { width: 800, height: 600 },
      });
      const page = await context.newPage();
      page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
      return { context, page };
    };
    const kiosk = await open(await browserIn(net.kiosk.ns));
    await kiosk.page.goto(`${kioskHost.url}/`);
    // The doctor page comes from Playwright, not from an address, so Chromium counts it as public
    // and its Local Network Access check would stop its socket to the platform's private address.
    // (The real console is served by the platform itself: same origin, no such check.)
    const doctor = await open(await browserIn(net.doctor.ns, ['--disable-features=LocalNetworkAccessChecks']));
    await doctor.context.route(`${DOCTOR_ORIGIN}/**`, (route) =>
      route.fulfill({ path: join(options.doctorBuild, new URL(route.request().url()).pathname) }),
    );
    await doctor.page.goto(`${DOCTOR_ORIGIN}/doctor.html`);
    return {
      net,
      coturn,
      platformUrl,
      kioskPage: kiosk.page,
      doctorPage: doctor.page,
      tls,
      platformLog: () => earlierLogs + platform.log(),
      restartPlatform: async ({ signal, down } = {}) => {
        await platform.stop(signal);
        earlierLogs += platform.log();
        await down?.();
        platform = await startPlatformHost(net, dir, coturn, options, tls);
      },
      ticket: () => fetchTicket(net, platformUrl, readFileSync(credentialFile, 'utf8').trim(), tls),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** POST /api/call-tickets from the kiosk's namespace (the test's own process is outside every one). */
function fetchTicket(net: TestNetwork, platformUrl: string, credential: string, tls: PlatformTls | null): CallTicket {
  const sessionId = crypto.randomUUID();
  const script = `
    const res = await fetch(${JSON.stringify(`${platformUrl}${PLATFORM_API.callTickets}`)}, {
      method: 'POST',
      headers: { authorization: 'Bearer ' + process.env.CREDENTIAL, 'content-type': 'application/json' },
      body: JSON.stringify({ sessionId: ${JSON.stringify(sessionId)} }),
    });
    if (!res.ok) { console.error('call ticket refused: ' + res.status); process.exit(1); }
    process.stdout.write(JSON.stringify(await res.json()));`;
  const grant = JSON.parse(
    inNs(net.kiosk.ns, 'env', [
      `CREDENTIAL=${credential}`,
      ...(tls ? [`NODE_EXTRA_CA_CERTS=${tls.bundle}`] : []),
      process.execPath,
      '--input-type=module',
      '-e',
      script,
    ]),
  ) as { signalingUrl: string; token: string };
  return {
    ...grant,
    sessionId,
    kioskId: KIOSK_ID,
    queueEntry: {
      ageYears: 41,
      specialty: 'general-practice',
      territory: '75',
      reason: 'Fièvre et toux depuis trois jours',
    },
  };
}
