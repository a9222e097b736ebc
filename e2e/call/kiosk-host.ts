import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { ROOT, startEntry, type Started } from '../support/processes';

/**
 * Starts the kiosk web host (simulated devices of the default config) against a platform: the
 * config's platform.url and credential file point there, as `npm start` does. `staticDir` replaces
 * the screens (dist/renderer) with another page, e.g. the live call test page.
 */
export async function startKioskHost(options: {
  platformUrl: string;
  credentialFile: string;
  kioskId: string;
  staticDir?: string;
  /** Merged into the config's `flow` (e.g. shorter rest and settling delays). */
  flow?: Record<string, unknown>;
  /** Run inside this network namespace (the kiosk's host in e2e/network). */
  netns?: string;
  /** The config's `platform.caFile`: a PEM file the kiosk trusts for the platform (a test certificate). */
  caFile?: string;
  /**
   * Devices in place of the default config's of the same id, or added (e.g. the examination camera
   * with the label of a test's fake input).
   */
  devices?: Record<string, unknown>[];
  /** The config's `printer` (an IPP printer, e.g. ippeveprinter's URI). */
  printer?: Record<string, unknown>;
  /** The config's `maintenance` (e.g. a shorter leak-test hold for a calibration walked in a test). */
  maintenance?: Record<string, unknown>;
}): Promise<Started & { url: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-on-platform-'));
  const config = JSON.parse(readFileSync(join(ROOT, 'kiosk-config/default.json'), 'utf8')) as Record<string, unknown>;
  config.kioskId = options.kioskId;
  config.platform = {
    url: options.platformUrl,
    credentialFile: options.credentialFile,
    ...(options.caFile && { caFile: options.caFile }),
  };
  if (options.devices) {
    const given = new Map(options.devices.map((d) => [d.id, d]));
    const defaults = (config.devices as Record<string, unknown>[]).map((d) => given.get(d.id) ?? d);
    config.devices = [...defaults, ...options.devices.filter((d) => !defaults.includes(d))];
  }
  if (options.printer) config.printer = options.printer;
  if (options.maintenance) config.maintenance = options.maintenance;
  if (options.flow) config.flow = { ...(config.flow as Record<string, unknown> | undefined), ...options.flow };
  writeFileSync(join(dir, 'kiosk.json'), JSON.stringify(config));
  const args = [
    '--port',
    '0',
    '--config',
    join(dir, 'kiosk.json'),
    ...(options.staticDir ? ['--static', options.staticDir] : []),
  ];
  const host = await startEntry(
    'main/web-host/main.ts',
    args,
    ['KIOSK_URL'],
    { KIOSK_DATA_DIR: join(dir, 'data'), KIOSK_RUNTIME_DIR: join(dir, 'run') },
    30_000,
    options.netns,
  );
  return { ...host, url: host.values.KIOSK_URL!.replace(/\/$/, '') };
}

/**
 * Builds renderer/streaming/testing/live (the call test page on the real kiosk API) into a
 * temporary folder for the web host to serve as its index.html. Returns the folder.
 */
export function buildLiveKioskPage(): Promise<string> {
  return buildCallPage(join(ROOT, 'renderer/streaming/testing/live'), 'index.html');
}

/**
 * Builds one page of a folder of call test pages (its script and mediasoup-client bundled, paths
 * relative) into a temporary folder, e.g. the doctor page for a browser that cannot reach a dev
 * server. Returns the folder; the page keeps its file name.
 */
export async function buildCallPage(root: string, page: string): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'kiosk-call-page-'));
  await build({
    root,
    base: './',
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      rollupOptions: {
        input: join(root, page),
        // zod's /*#__PURE__*/ annotations rollup cannot place (as in vite.renderer.config.ts).
        onwarn(warning, warn) {
          if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
          warn(warning);
        },
      },
    },
  });
  return outDir;
}
