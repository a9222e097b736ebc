import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createLogger, setLogLevel } from '../common/util/logger';
import { stopOnSignals } from '../http/shutdown';
import { verifyKioskCredential } from './auth/kiosk-credentials';
import { startPlatform } from './platform';
import { platformDataDir } from './platform-data-dir';
import { basicDoctorAuthorizer, openRecordsService, type ReadAuthorizer } from './records/records-service';

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
  // Records: kiosks post their outbox; doctors export FHIR. Doctor accounts exist only once
  // the platform is up, so the read check is bound after start-up (until then: refused).
  let authorizeRead: ReadAuthorizer = () => false;
  const records = openRecordsService({
    dataDir,
    verifyKiosk: (token) => verifyKioskCredential(token)?.kioskId ?? null,
    authorizeRead: (headers) => authorizeRead(headers),
  });
  const platform = await startPlatform({
    extraRoutes: [records.register],
    port,
    dataDir,
    seedDevDoctor: values.dev,
    publicUrl: process.env.PLATFORM_PUBLIC_URL,
    testHooks: values['test-hooks'],
    devKiosks,
    workers: values.workers ? Number(values.workers) : undefined,
  });
  // The console sends its session token (Bearer); tools outside it may use Basic.
  const basic = basicDoctorAuthorizer(platform.accounts);
  authorizeRead = (headers) => platform.doctorOf(headers) !== null || basic(headers);
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
