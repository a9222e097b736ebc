import { resolve } from 'node:path';
import { settableClock } from '../common/util/test-clock';
import { parseArgs } from 'node:util';
import { createLogger, setLogLevel } from '../common/util/logger';
import { stopOnSignals } from '../http/shutdown';
import { startPlatform, type Platform } from './platform';
import { readPlatformConfig, type PlatformMode } from './platform-config';
import { platformDataDir } from './platform-data-dir';
import { platformDataKey } from './platform-data-key';
import { ENCRYPT_RECORDS_COMMAND } from './records/records-database';
import { encryptPlaintextStores, plaintextStores } from './records/plaintext-migration';

const log = createLogger('platform:main');

/**
 * The platform process: `node --import tsx server/main.ts [--serve] [--host IP] [--port N]
 * [--data-dir DIR] [--dev] [--dev-kiosk ID=FILE] [--test-hooks]`. Host and port also come from
 * PLATFORM_HOST and PLATFORM_PORT; public URL, TLS, proxy, media, TURN, the prescription key and
 * Pro Santé Connect from the environment (README "Across a network"), all checked before anything
 * starts (platform-config.ts). `--serve` is the production start (`npm run platform:serve`): no
 * development account, no password sign-in (Pro Santé Connect only), no test hooks, no plain HTTP.
 * `--dev` seeds the dev doctor account;
 * `--dev-kiosk <kioskId>=<credentialFile>` writes a kiosk credential there when the file is missing
 * (npm start). The records are encrypted under PLATFORM_DATA_KEY_FILE / PLATFORM_DATA_KEY (outside
 * the data folder; development makes its own beside it): a missing or wrong key stops the start.
 * Prints `PLATFORM_URL=<url>` on stdout once listening. SIGHUP reloads the TLS files.
 */
async function main() {
  setLogLevel(process.env.KIOSK_LOG_LEVEL);
  const { values } = parseArgs({
    options: {
      host: { type: 'string', default: process.env.PLATFORM_HOST || '127.0.0.1' },
      port: { type: 'string', default: process.env.PLATFORM_PORT || '8480' },
      'data-dir': { type: 'string' },
      dev: { type: 'boolean', default: false },
      serve: { type: 'boolean', default: false },
      'dev-kiosk': { type: 'string', multiple: true, default: [] },
      workers: { type: 'string' },
      'test-hooks': { type: 'boolean', default: false },
    },
  });
  const config = readPlatformConfig(
    { ...values, testHooks: values['test-hooks'], devKiosks: values['dev-kiosk'] },
    process.env,
  );
  const dataDir = platformDataDir(values['data-dir']);
  const devKiosks = values['dev-kiosk'].map((spec) => {
    const [kioskId, credentialFile] = spec.split('=');
    if (!kioskId || !credentialFile) throw new Error(`--dev-kiosk: expected <kioskId>=<credentialFile>, got ${spec}`);
    return { kioskId, credentialFile: resolve(credentialFile) };
  });
  const { mode, alertEscalationMs, ...network } = config;
  const dataKey = openDataKey(dataDir, mode);
  const platform = await startPlatform({
    ...network,
    // The browser is told to keep to https once the platform is reached over it (directly or via the proxy).
    hsts: mode === 'serve' || network.publicUrl?.startsWith('https:') === true,
    alertEscalationMs,
    dataDir,
    dataKey,
    seedDevDoctor: values.dev,
    seedDevPharmacy: values.dev,
    testHooks: values['test-hooks'],
    // The e2e moves the platform's time (POST /api/test/clock): appointments at 15:00 checked in at 14:57.
    ...(values['test-hooks'] && { clock: settableClock() }),
    devKiosks,
    workers: values.workers ? Number(values.workers) : undefined,
  });
  process.stdout.write(`PLATFORM_URL=${platform.url}\n`);
  reloadTlsOnHangup(platform);
  stopOnSignals(() => platform.close());
}

/**
 * The records' key, and the data folder brought to encryption at rest: an earlier platform's files
 * in clear are encrypted and imported by the development platform, and stop a production start
 * with the command that does it (run once, platform stopped).
 */
function openDataKey(dataDir: string, mode: PlatformMode): Buffer {
  const { key, source } = platformDataKey({ dataDir, env: process.env, development: mode === 'dev' });
  log.info(`records encrypted with the ${source}`);
  const plain = plaintextStores(dataDir);
  if (plain.length > 0 && mode === 'serve')
    throw new Error(
      `health data in clear from an earlier platform: ${plain.join(', ')}; stop, then encrypt and import it once with \`${ENCRYPT_RECORDS_COMMAND}\` (same data key set)`,
    );
  for (const line of encryptPlaintextStores(dataDir, key)) log.info(`encryption at rest: ${line}`);
  return key;
}

/** A renewed certificate is put in place, then `kill -HUP`: new connections get it, no restart. */
function reloadTlsOnHangup(platform: Platform) {
  process.on('SIGHUP', () => {
    try {
      log.info(`SIGHUP: TLS certificate now ${platform.reloadTls()}`);
    } catch (error) {
      log.error(`SIGHUP: TLS not reloaded, the previous certificate stays: ${(error as Error).message}`);
    }
  });
}

main().catch((error: unknown) => {
  log.error(`start-up failed: ${(error as Error).message}`);
  process.exit(1);
});
