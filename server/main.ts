import type { IncomingHttpHeaders } from 'node:http';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createLogger, setLogLevel } from '../common/util/logger';
import { stopOnSignals } from '../http/shutdown';
import { checkKioskCredential } from './auth/kiosk-credentials';
import { startPlatform } from './platform';
import { platformDataDir } from './platform-data-dir';
import { prescriptionKey } from './prescriptions/prescription-key';
import { openRecordsService } from './records/records-service';

const log = createLogger('platform:main');

/**
 * The platform process: `node --import tsx server/main.ts [--port N] [--data-dir DIR] [--dev]`.
 * `--dev` seeds the dev doctor account (README); `--dev-kiosk <kioskId>=<credentialFile>` writes a
 * kiosk credential there when the file is missing (npm start). Prints `PLATFORM_URL=<url>` on
 * stdout once listening.
 */
async function main() {
  setLogLevel(process.env.KIOSK_LOG_LEVEL);
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.PLATFORM_PORT ?? '8480' },
      'data-dir': { type: 'string' },
      dev: { type: 'boolean', default: false },
      'dev-kiosk': { type: 'string', multiple: true, default: [] },
      workers: { type: 'string' },
      'test-hooks': { type: 'boolean', default: false },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port: expected 0–65535, got ${values.port}`);
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
    port,
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
