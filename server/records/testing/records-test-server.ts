import { parseArgs } from 'node:util';
import { setLogLevel } from '../../../common/util/logger';
import { stopOnSignals } from '../../../http/shutdown';
import { createHttpServer, listen } from '../../../http/http-server';
import { registerRecordsRoutes } from '../records-routes';
import { SqliteRecordsRepository } from '../sqlite-records-repository';

/**
 * A records-only platform for the kiosk's sync tests (main/sync), which may not import server/:
 * `node --import tsx server/records/testing/records-test-server.ts --db <file> --token <t> --kiosk <id>
 * [--expired-token <t>]` (that one is refused as an expired credential, with the platform's reason code).
 * Prints `RECORDS_URL=<url>`. Test-only inspection: `GET /test/records/measurement-ids` lists every
 * stored measurement id in arrival order (duplicates would show twice — they cannot, by key);
 * `GET /test/records/calibration-ids` every stored calibration check's id.
 */
const { values } = parseArgs({
  options: {
    db: { type: 'string', default: ':memory:' },
    token: { type: 'string', default: 'kiosk-test-credential' },
    kiosk: { type: 'string', default: 'dev-kiosk-1' },
    'expired-token': { type: 'string' },
  },
});
setLogLevel(process.env.KIOSK_LOG_LEVEL ?? 'error');
// A test double of the platform: its file stays unencrypted (the platform's own is tested encrypted).
const repository = new SqliteRecordsRepository({ file: values.db, key: null });
const app = await createHttpServer({ name: 'records-test-server:http' });
registerRecordsRoutes(app, {
  repository,
  verifyKiosk: (t) => {
    if (t === values['expired-token']) return { refusal: 'credential-expired' };
    return t === values.token ? values.kiosk : null;
  },
});
app.get('/test/records/measurement-ids', async () => ({ ids: await repository.measurementIds() }));
app.get('/test/records/calibration-ids', async () => ({
  ids: (await repository.calibrations()).map((c) => c.id),
}));
process.stdout.write(`RECORDS_URL=${await listen(app, 0)}\n`);
stopOnSignals(async () => {
  await app.close();
  await repository.close();
});
