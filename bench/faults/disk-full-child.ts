import { randomUUID } from 'node:crypto';
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { oximetry } from '../../common/records/testing/samples';
import { sleep, systemClock } from '../../common/util/clock';
import { KioskStore } from '../../main/db/kiosk-store';
import { openChildKiosk } from '../../main/sync/testing/child-kiosk';

/**
 * The kiosk side of the disk-full fault (disk-full.fault.ts), run inside a private mount namespace
 * whose `--data-dir` is a small tmpfs: records `--writes` readings per phase while its sync client delivers them, fills
 * the disk, goes on recording, frees the disk, records more, waits for the outbox to drain, then
 * reopens its store. Prints, each once true:
 *   COMMITTED <id>         recordMeasurement returned
 *   REFUSED <id> <error>   recordMeasurement threw (the reading was not recorded)
 *   FULL <bytes>           the filler took the disk's last bytes
 *   FREED                  the filler is gone
 *   DRAINED                every recorded reading is acknowledged by the platform
 *   HELD <id,id,…>         the readings the reopened store holds
 */
const { storage, store: firstStore, client, writes: perPhase, say } = openChildKiosk();
let store = firstStore;
let drained: () => void = () => {};
client.onEvent((event) => {
  if (event.type === 'idle') drained();
});
client.start();

const sessionId = randomUUID();
store.openSession({ id: sessionId, kioskId: 'dev-kiosk-1', startedAt: new Date().toISOString() });
let n = 0;
async function record(count: number) {
  for (let i = 0; i < count; i++, n++) {
    const reading = oximetry(new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString(), 90 + (n % 10), 60 + (n % 40));
    try {
      store.recordMeasurement(sessionId, reading);
      say(`COMMITTED ${reading.id}`);
    } catch (error) {
      say(`REFUSED ${reading.id} ${(error as Error).message.replace(/\n/g, ' ')}`);
    }
    await sleep(systemClock, 5);
  }
}

await record(perPhase);
const filler = join(storage.dataDir, 'filler');
const fd = openSync(filler, 'w');
const chunk = Buffer.alloc(4096, 0xaa);
let filled = 0;
try {
  for (;;) filled += writeSync(fd, chunk);
} catch (error) {
  if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
} finally {
  closeSync(fd);
}
say(`FULL ${filled}`);
await record(perPhase);
rmSync(filler);
say('FREED');
await record(perPhase);
await new Promise<void>((resolve) => {
  drained = () => {
    if (store.outbox.counts().pending === 0) resolve();
  };
});
say('DRAINED');
await client.stop();
store.close();
store = KioskStore.openInDataDir(storage);
say(`HELD ${(store.consultation(sessionId)?.measurements ?? []).map((m) => m.id).join(',')}`);
store.close();
