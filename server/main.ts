import { isIP } from 'node:net';
import type { IncomingHttpHeaders } from 'node:http';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createLogger, setLogLevel } from '../common/util/logger';
import { stopOnSignals } from '../http/shutdown';
import { checkKioskCredential } from './auth/kiosk-credentials';
import { mediaNetworkFromEnv, type MediaNetwork } from './media/media-network';
import { turnConfigFromEnv, type TurnConfig } from './media/turn-credentials';
import { startPlatform } from './platform';
import { platformDataDir } from './platform-data-dir';
import { prescriptionKey } from './prescriptions/prescription-key';
import { openRecordsService } from './records/records-service';

const log = createLogger('platform:main');

/** Runs each reader; throws one error listing every wrong value of them all. */
function readAll<T extends unknown[]>(...readers: { [K in keyof T]: () => T[K] }): T {
  const errors: string[] = [];
  const values = readers.map((read) => {
    try {
      return read();
    } catch (error) {
      errors.push((error as Error).message);
      return undefined;
    }
  });
  if (errors.length > 0) throw new Error(`bad configuration, nothing started:\n${errors.join('\n')}`);
  return values as T;
}

function listenPort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new Error(`--port / PLATFORM_PORT: expected 0–65535, got "${text}"`);
  return port;
}

function listenHost(text: string): string {
  if (!isIP(text)) throw new Error(`--host / PLATFORM_HOST: expected an IP address, got "${text}"`);
  return text;
}

/**
 * The platform process: `node --import tsx server/main.ts [--host IP] [--port N] [--data-dir DIR] [--dev]`.
 * Host and port also come from PLATFORM_HOST and PLATFORM_PORT; the media and TURN settings from
 * the environment (README "Across a network"), all checked before anything starts.
 * `--dev` seeds the dev doctor account (README); `--dev-kiosk <kioskId>=<credentialFile>` writes a
 * kiosk credential there when the file is missing (npm start). Prints `PLATFORM_URL=<url>` on
 * stdout once listening.
 */
async function main() {
  setLogLevel(process.env.KIOSK_LOG_LEVEL);
  const { values } = parseArgs({
    options: {
      host: { type: 'string', default: process.env.PLATFORM_HOST || '127.0.0.1' },
      port: { type: 'string', default: process.env.PLATFORM_PORT || '8480' },
      'data-dir': { type: 'string' },
      dev: { type: 'boolean', default: false },
      'dev-kiosk': { type: 'string', multiple: true, default: [] },
      workers: { type: 'string' },
      'test-hooks': { type: 'boolean', default: false },
    },
  });
  const [host, port, media, turn] = readAll<[string, number, MediaNetwork, TurnConfig | null]>(
    () => listenHost(values.host),
    () => listenPort(values.port),
    () => mediaNetworkFromEnv(process.env, values.host),
    () => turnConfigFromEnv(process.env),
  );
  const dataDir = platformDataDir(values['data-dir']);
  const devKiosks = values['dev-kiosk'].map((spec) => {
    const [kioskId, credentialFile] = spec.split('=');
    if (!kioskId || !credentialFile) throw new Error(`--dev-kiosk: expected <kioskId>=<credentialFile>, got ${spec}`);
    return { kioskId, credentialFile: resolve(credentialFile) };
  });
  // Records: kiosks post their outbox; doctors and export-token holders export FHIR. Doctor
  // sessions exist only once the platform is up, so the check is bound after start-up (until then: refused).
  let isDoctor: (headers: IncomingHttpHeaders) => boolean = () => false;
  const records = openRecordsService({
    dataDir,
    verifyKiosk: (token) => {
      const result = checkKioskCredential(token);
      return result.ok ? result.principal.kioskId : { refusal: result.refusal };
    },
    isDoctor: (headers) => isDoctor(headers),
  });
  const platform = await startPlatform({
    extraRoutes: [records.register],
    host,
    port,
    media,
    turn,
    dataDir,
    seedDevDoctor: values.dev,
    prescriptionKey: prescriptionKey(process.env, values.dev),
    publicUrl: process.env.PLATFORM_PUBLIC_URL,
    testHooks: values['test-hooks'],
    devKiosks,
    workers: values.workers ? Number(values.workers) : undefined,
  });
  isDoctor = (headers) => platform.doctorOf(headers) !== null;
  process.stdout.write(`PLATFORM_URL=${platform.url}\n`);
  stopOnSignals(async () => {
    await platform.close();
    await records.close();
  });
}

main().catch((error: unknown) => {
  log.error(`start-up failed: ${(error as Error).message}`);
  process.exit(1);
});
