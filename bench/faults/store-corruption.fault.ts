import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { oximetry } from '../../common/records/testing/samples';
import { forgetCleanClose } from '../../main/db/integrity-schedule';
import { KioskStore } from '../../main/db/kiosk-store';
import { PAGE_SIZE, corruptPage } from '../../main/db/testing/corrupt-page';
import { HttpRecordsTransport } from '../../main/sync/records-transport';
import { SyncClient } from '../../main/sync/sync-client';
import { RecordsServerProcess } from '../../main/sync/testing/records-server-process';
import type { FaultResult } from './fault';
import { PlatformCredential } from '../../main/platform-credential';

/**
 * A page of the kiosk's store torn at a power cut. The kiosk recorded ONLINE readings delivered as
 * they came, then OFFLINE readings while the platform was unreachable; the power goes (no clean
 * close is recorded) and one page in the middle of the file is overwritten; at the next start the
 * store must find the damage, move the file aside, carry the unsent records it can read into a new
 * store, and deliver them. (Damage without a power cut is found by the daily check: quarantine.test.ts.)
 */
const ONLINE = 300;
const OFFLINE = 100;

function syncUntilIdle(store: KioskStore, platformUrl: string, credentialFile: string): Promise<void> {
  const client = new SyncClient({
    outbox: store.outbox,
    transport: new HttpRecordsTransport({ platformUrl, credential: new PlatformCredential(credentialFile) }),
    batchSize: 50,
    backoff: { initialMs: 10, maxMs: 100 },
  });
  return new Promise<void>((resolve, reject) => {
    client.onEvent((e) => {
      if (e.type === 'idle') resolve();
      if (e.type === 'retry') reject(new Error(`sync failed: ${e.reason}`));
    });
    client.start();
  }).finally(() => client.stop());
}

export default async function storeCorruption(): Promise<FaultResult> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-fault-corrupt-'));
  const credentialFile = join(dir, 'credential');
  writeFileSync(credentialFile, 'fault-credential\n', { mode: 0o600 });
  const platform = await RecordsServerProcess.start(join(dir, 'platform.sqlite'), 'fault-credential');
  const file = join(dir, 'kiosk-store.sqlite');
  const key = Buffer.alloc(32, 7);
  try {
    const committed: string[] = [];
    let store = KioskStore.open({ file, key });
    const sessionId = randomUUID();
    store.openSession({ id: sessionId, kioskId: 'dev-kiosk-1', startedAt: new Date().toISOString() });
    const record = () => {
      const reading = oximetry(new Date(Date.UTC(2026, 0, 1) + committed.length * 1000).toISOString(), 95, 70);
      store.recordMeasurement(sessionId, reading);
      committed.push(reading.id);
    };
    for (let i = 0; i < ONLINE; i++) record();
    await syncUntilIdle(store, platform.url, credentialFile);
    for (let i = 0; i < OFFLINE; i++) record();
    store.close();
    // The power cut: what an unclean stop leaves is no record of a clean close.
    forgetCleanClose(file);
    const page = Math.floor(statSync(file).size / PAGE_SIZE / 2);
    corruptPage(file, page);
    store = KioskStore.open({ file, key });
    const report = store.quarantine;
    await syncUntilIdle(store, platform.url, credentialFile);
    store.close();
    const onPlatform = await platform.measurementIds();
    const held = new Set(onPlatform);
    return {
      name: 'a page of the kiosk store torn at a power cut',
      injected: `page ${page} of a store of ${ONLINE + OFFLINE} readings overwritten (${OFFLINE} not yet sent)`,
      lost: committed.filter((id) => !held.has(id)).length,
      duplicated: onPlatform.length - held.size,
      checks: report
        ? `damage found at open: ${report.problem.slice(0, 120)}; file moved aside; ${report.salvagedOutboxRows} unsent records carried over (outbox fully read: ${report.outboxFullyRead}); kiosk went on and delivered them`
        : 'the damage was NOT found at open',
    };
  } finally {
    await platform.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
