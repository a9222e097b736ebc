import { parseArgs } from 'node:util';
import { oximetry } from '../../../common/records/testing/samples';
import { setLogLevel } from '../../../common/util/logger';
import { KioskStore } from '../../db/kiosk-store';
import { HttpRecordsTransport } from '../records-transport';
import { SyncClient } from '../sync-client';

/**
 * The kiosk side of the kill test (fault.test.ts), run as its own process so the test can SIGKILL it:
 * opens the encrypted store, starts the sync client, opens a session and records `--writes`
 * measurements one by one. Prints, each only once true:
 *   SESSION <id>          the session is about to be opened (printed first, so the test knows every
 *                         session that may exist; pipe writes are synchronous on Linux)
 *   COMMITTED <id>        recordMeasurement returned: the reading and its outbox row are durable
 *   ACKED <id,id,…>       the platform acknowledged these and the store marked them
 *   DRAINED               every write is done and the outbox is empty
 */
const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    'credential-file': { type: 'string' },
    platform: { type: 'string' },
    writes: { type: 'string', default: '40' },
  },
});
setLogLevel('silent');
const dataDir = values['data-dir']!;
const store = KioskStore.openInDataDir({ dataDir, keyFile: `${dataDir}/store.key` });
const client = new SyncClient({
  outbox: store.outbox,
  transport: new HttpRecordsTransport({ platformUrl: values.platform!, credentialFile: values['credential-file']! }),
  batchSize: 16,
  backoff: { initialMs: 5, maxMs: 50 },
  idlePollMs: 1000,
});
const say = (line: string) => process.stdout.write(`${line}\n`);
let writing = true;
client.onEvent((event) => {
  if (event.type === 'acknowledged') say(`ACKED ${event.ids.join(',')}`);
  if (event.type === 'idle' && !writing) say('DRAINED');
});
client.start();

const writes = Number(values.writes);
if (writes > 0) {
  const sessionId = crypto.randomUUID();
  say(`SESSION ${sessionId}`);
  store.openSession({ id: sessionId, kioskId: 'dev-kiosk-1', startedAt: new Date().toISOString() });
  for (let i = 0; i < writes; i++) {
    const reading = oximetry(new Date().toISOString(), 90 + (i % 10), 60 + i);
    store.recordMeasurement(sessionId, reading);
    say(`COMMITTED ${reading.id}`);
    // Yield so the sync client and the stdout pipe run between writes, as on a real kiosk.
    await new Promise((resolve) => setImmediate(resolve));
  }
}
writing = false;
if (store.outbox.counts().pending === 0) say('DRAINED');
