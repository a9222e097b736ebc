import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { oximetry, sampleCalibration } from '../../common/records/testing/samples';
import { KioskStore } from '../db/kiosk-store';
import { ManualClock } from '../../common/util/testing/manual-clock';
import { HttpRecordsTransport } from './records-transport';
import { SyncClient, type SyncEvent } from './sync-client';
import { CuttableProxy } from './testing/cuttable-proxy';
import { RecordsServerProcess } from './testing/records-server-process';
import { PlatformCredential } from '../platform-credential';
import { cleanupsAfterEach } from '../../common/util/testing/cleanups';

const cleanups = cleanupsAfterEach();

async function kioskAndPlatform(platformDb: string) {
  const platform = await RecordsServerProcess.start(platformDb, 'kiosk-secret');
  const proxy = new CuttableProxy(platform.port);
  const proxyUrl = await proxy.listen();
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-cut-'));
  writeFileSync(join(dir, 'credential'), 'kiosk-secret\n');
  const clock = new ManualClock();
  const store = KioskStore.open({ file: ':memory:', key: null, clock });
  const transport = new HttpRecordsTransport({
    platformUrl: proxyUrl,
    credential: new PlatformCredential(join(dir, 'credential')),
    timeoutMs: 10_000,
  });
  const client = new SyncClient({
    outbox: store.outbox,
    transport,
    clock,
    batchSize: 50,
    backoff: { initialMs: 1000, maxMs: 30_000 },
    random: () => 0,
  });
  const waiters: { type: SyncEvent['type']; resolve: (e: SyncEvent) => void }[] = [];
  client.onEvent((e) => {
    const i = waiters.findIndex((w) => w.type === e.type);
    if (i >= 0) waiters.splice(i, 1)[0]!.resolve(e);
  });
  const next = (type: SyncEvent['type']) => new Promise<SyncEvent>((resolve) => waiters.push({ type, resolve }));
  const state = { platform };
  cleanups.push(
    () => rmSync(dir, { recursive: true, force: true }),
    () => state.platform.stop(),
    () => proxy.close(),
    () => client.stop(),
  );
  return { state, proxy, clock, store, client, next };
}

describe('sync through a network cut', () => {
  it('delivers everything exactly once after the platform link is cut mid-sync and restored', async () => {
    const { state, proxy, clock, store, client, next } = await kioskAndPlatform(':memory:');
    const sessionId = crypto.randomUUID();
    store.openSession({ id: sessionId, kioskId: 'dev-kiosk-1', startedAt: '2026-03-02T09:00:00.000Z' });
    const readings = Array.from({ length: 300 }, () => oximetry());
    for (const r of readings) store.recordMeasurement(sessionId, r);
    const retries: SyncEvent[] = [];
    client.onEvent((e) => e.type === 'retry' && retries.push(e));

    // Two batches get through; the third reaches the platform but its acknowledgement is lost.
    let acks = 0;
    const cutArmed = new Promise<void>((resolve) =>
      client.onEvent((e) => {
        if (e.type === 'acknowledged' && ++acks === 2) {
          proxy.dropNextResponse();
          resolve();
        }
      }),
    );
    client.start();
    await cutArmed;
    // While the link is down every retry fails, on the clock's backoff.
    for (const delay of [500, 1000, 2000]) {
      const retry = await next('retry');
      expect(retry).toMatchObject({ delayMs: delay });
      clock.advance(delay);
    }
    const failing = await next('retry');
    expect(proxy.dropped).toBe(1);
    expect(store.outbox.counts()).toEqual({ pending: 201, acknowledged: 100 });
    expect((await state.platform.measurementIds()).length).toBe(149);

    proxy.restore();
    const idle = next('idle');
    clock.advance((failing as { delayMs: number }).delayMs);
    await idle;

    expect(store.outbox.counts()).toEqual({ pending: 0, acknowledged: 301 });
    const onPlatform = await state.platform.measurementIds();
    expect(onPlatform).toHaveLength(300);
    expect(new Set(onPlatform)).toEqual(new Set(readings.map((r) => r.id)));
    expect(onPlatform).toEqual(readings.map((r) => r.id));
    expect(retries.length).toBeGreaterThanOrEqual(4);
  });

  it('delivers everything exactly once when the platform is SIGKILLed mid-sync and restarted on its file', async () => {
    const platformDir = mkdtempSync(join(tmpdir(), 'platform-kill-'));
    cleanups.push(() => rmSync(platformDir, { recursive: true, force: true }));
    const platformDb = join(platformDir, 'records.sqlite');
    const { state, proxy, clock, store, client, next } = await kioskAndPlatform(platformDb);
    const sessionId = crypto.randomUUID();
    store.openSession({ id: sessionId, kioskId: 'dev-kiosk-1', startedAt: '2026-03-02T09:00:00.000Z' });
    const readings = Array.from({ length: 200 }, () => oximetry());
    for (const r of readings) store.recordMeasurement(sessionId, r);

    // The second batch is committed by the platform, its answer lost; then the platform dies hard.
    const firstAck = next('acknowledged');
    client.start();
    await firstAck;
    proxy.dropNextResponse();
    const retry = await next('retry');
    expect(proxy.dropped).toBe(1);
    await state.platform.kill();
    state.platform = await RecordsServerProcess.start(platformDb, 'kiosk-secret');
    proxy.restore(state.platform.port);
    const idle = next('idle');
    clock.advance((retry as { delayMs: number }).delayMs);
    await idle;

    expect(store.outbox.counts()).toEqual({ pending: 0, acknowledged: 201 });
    expect(await state.platform.measurementIds()).toEqual(readings.map((r) => r.id));
  });

  it("delivers a technician's calibration check once, through the same outbox, when its acknowledgement is lost", async () => {
    const { state, proxy, clock, store, client, next } = await kioskAndPlatform(':memory:');
    const sessionId = crypto.randomUUID();
    store.openSession({ id: sessionId, kioskId: 'dev-kiosk-1', startedAt: '2026-03-02T09:00:00.000Z' });
    store.recordMeasurement(sessionId, oximetry());
    const check = sampleCalibration({ kioskId: 'dev-kiosk-1' });
    store.recordCalibration(check);
    // The platform stores the batch; its answer never reaches the kiosk, which sends it again.
    proxy.dropNextResponse();
    client.start();
    const retry = await next('retry');
    expect(proxy.dropped).toBe(1);
    expect(await state.platform.calibrationIds()).toEqual([check.id]);
    proxy.restore();
    const idle = next('idle');
    clock.advance((retry as { delayMs: number }).delayMs);
    await idle;
    expect(store.outbox.counts()).toEqual({ pending: 0, acknowledged: 3 });
    expect(await state.platform.calibrationIds()).toEqual([check.id]);
  });
});
