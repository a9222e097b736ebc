import { oximetry } from '../../../common/records/testing/samples';
import { openChildKiosk } from './child-kiosk';

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
const { store, client, writes, say } = openChildKiosk();
let writing = true;
client.onEvent((event) => {
  if (event.type === 'acknowledged') say(`ACKED ${event.ids.join(',')}`);
  if (event.type === 'idle' && !writing) say('DRAINED');
});
client.start();

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
