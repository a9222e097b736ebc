import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CONFIG_PATH } from '../kiosk-config/load';
import { startEntry, type Started } from '../e2e/support/processes';

/**
 * The default kiosk config written to `<dir>/kiosk.json` for a bench: data and ptys under `dir`,
 * the given platform, and no card reader (it needs the machine's pcscd, which scripts/start.ts
 * starts; the benches' journeys type the identity, as a patient without a card does).
 */
export function writeBenchKioskConfig(dir: string, platform: { url: string; credentialFile: string }): string {
  const config = JSON.parse(readFileSync(DEFAULT_CONFIG_PATH, 'utf8')) as Record<string, unknown> & {
    devices: { transport: string }[];
  };
  const dataDir = join(dir, 'data');
  const file = join(dir, 'kiosk.json');
  writeFileSync(
    file,
    JSON.stringify({
      ...config,
      platform,
      storage: { dataDir, keyFile: join(dataDir, 'store.key') },
      devices: config.devices
        .filter((d) => d.transport !== 'pcsc')
        .map((d) => JSON.parse(JSON.stringify(d).replaceAll('${KIOSK_RUNTIME_DIR}', join(dir, 'run'))) as unknown),
    }),
  );
  return file;
}

/**
 * The platform process (server/main.ts) on an ephemeral loopback port with one mediasoup worker,
 * its data under `dir/platform`, and a credential for the default config's kiosk written to
 * `dir/platform-credential`. Its URL is `values.PLATFORM_URL`.
 */
export async function startBenchPlatform(dir: string): Promise<Started & { credentialFile: string }> {
  const credentialFile = join(dir, 'platform-credential');
  const platform = await startEntry(
    'server/main.ts',
    [
      '--port',
      '0',
      '--data-dir',
      join(dir, 'platform'),
      '--workers',
      '1',
      '--dev-kiosk',
      `dev-kiosk-1=${credentialFile}`,
    ],
    ['PLATFORM_URL'],
    // Not the development platform: it takes a real prescription key, as in production.
    { PLATFORM_PRESCRIPTION_KEY: randomBytes(32).toString('base64') },
  );
  return { ...platform, credentialFile };
}
