import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { oximetry } from '../../common/records/testing/samples';
import { ManualClock } from '../../common/util/testing/manual-clock';
import { setLogLevel } from '../../common/util/logger';
import { KioskStore } from '../db/kiosk-store';
import { PlatformCredential } from '../platform-credential';
import { HttpRecordsTransport } from './records-transport';
import { SyncClient, type SyncEvent } from './sync-client';
import { RecordsServerProcess } from './testing/records-server-process';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  vi.restoreAllMocks();
});

describe('sync with an expired kiosk credential', () => {
  it("keeps the patient's records in the SQLite outbox, logs the cause, and sends them once a new credential is installed", async () => {
    const platform = await RecordsServerProcess.start(':memory:', 'new-credential', 'dev-kiosk-1', 'old-credential');
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-expired-'));
    const file = join(dir, 'credential');
    writeFileSync(file, 'old-credential\n');
    const store = KioskStore.open({ file: join(dir, 'store.sqlite'), key: null, clock: new ManualClock() });
    const clock = new ManualClock();
    const client = new SyncClient({
      outbox: store.outbox,
      transport: new HttpRecordsTransport({ platformUrl: platform.url, credential: new PlatformCredential(file) }),
      clock,
      backoff: { initialMs: 1000, maxMs: 1000 },
      random: () => 0,
    });
    cleanups.push(
      () => rmSync(dir, { recursive: true, force: true }),
      () => platform.stop(),
      () => store.close(),
      () => client.stop(),
    );
    const next = (type: SyncEvent['type']) =>
      new Promise<SyncEvent>((resolve) => {
        const off = client.onEvent((e) => e.type === type && (off(), resolve(e)));
      });
    setLogLevel('error');
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const sessionId = crypto.randomUUID();
    store.openSession({ id: sessionId, kioskId: 'dev-kiosk-1', startedAt: '2026-03-02T09:00:00.000Z' });
    const readings = [oximetry(), oximetry()];
    for (const r of readings) store.recordMeasurement(sessionId, r);

    const refused = next('retry');
    client.start();
    await refused;
    expect(store.outbox.counts()).toEqual({ pending: 3, acknowledged: 0 });
    expect(logged.mock.calls.map(([line]) => String(line)).join('\n')).toMatch(
      /error .*kiosk:main:credential credential expired: ask the operator for a new one/,
    );
    expect(await platform.measurementIds()).toEqual([]);

    // The operator installs a new credential: the next attempt reads it and everything goes.
    writeFileSync(file, 'new-credential\n');
    const idle = next('idle');
    clock.advance(1000);
    await idle;
    expect(store.outbox.counts()).toEqual({ pending: 0, acknowledged: 3 });
    expect(await platform.measurementIds()).toEqual(readings.map((r) => r.id));
  }, 30_000);
});
