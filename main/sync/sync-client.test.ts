import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { oximetry } from '../../common/records/testing/samples';
import type { RecordsAck, RecordsBatch } from '../../common/records/wire';
import { KioskStore } from '../db/kiosk-store';
import { ManualClock } from '../../common/util/testing/manual-clock';
import { SyncTransportError, type RecordsTransport } from './records-transport';
import { SyncClient, type SyncEvent } from './sync-client';

/** A platform double: records what it receives; each send waits for the test to answer it. */
class ScriptedTransport implements RecordsTransport {
  readonly batches: RecordsBatch[] = [];
  private waiting: { resolve: (ack: RecordsAck) => void; reject: (e: Error) => void }[] = [];
  private arrived: (() => void) | null = null;

  send(batch: RecordsBatch): Promise<RecordsAck> {
    this.batches.push(batch);
    this.arrived?.();
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  /** Resolves once `n` batches have been sent in all. */
  async sent(n: number): Promise<RecordsBatch> {
    while (this.batches.length < n) await new Promise<void>((resolve) => (this.arrived = resolve));
    return this.batches[n - 1]!;
  }

  ackAll(): void {
    const batch = this.batches.at(-1)!;
    this.waiting.shift()!.resolve({ stored: batch.items.map((i) => i.id) });
  }

  ack(ids: string[]): void {
    this.waiting.shift()!.resolve({ stored: ids });
  }

  fail(error = new SyncTransportError('platform unreachable (ECONNREFUSED)', true)): void {
    this.waiting.shift()!.reject(error);
  }
}

function setup(batchSize = 3) {
  const clock = new ManualClock();
  const store = KioskStore.open({ file: ':memory:', key: null, clock });
  const transport = new ScriptedTransport();
  const client = new SyncClient({
    outbox: store.outbox,
    transport,
    clock,
    batchSize,
    backoff: { initialMs: 1000, maxMs: 8000 },
    random: () => 0.999999,
  });
  const events: SyncEvent[] = [];
  client.onEvent((e) => events.push(e));
  const next = (type: SyncEvent['type']) =>
    new Promise<SyncEvent>((resolve) => {
      const off = client.onEvent((e) => {
        if (e.type === type) {
          off();
          resolve(e);
        }
      });
    });
  const sessionId = randomUUID();
  store.openSession({ id: sessionId, kioskId: 'dev-kiosk-1', startedAt: '2026-03-02T09:00:00.000Z' });
  return { clock, store, transport, client, events, next, sessionId };
}

describe('SyncClient', () => {
  it('delivers the outbox oldest first in batches and marks rows only when acknowledged', async () => {
    const { store, transport, client, next, sessionId } = setup(3);
    const readings = [1, 2, 3, 4].map((i) => oximetry(`2026-03-02T09:0${i}:00.000Z`));
    for (const r of readings) store.recordMeasurement(sessionId, r);
    client.start();
    const first = await transport.sent(1);
    expect(first.items.map((i) => i.kind)).toEqual(['session-opened', 'measurement', 'measurement']);
    expect(store.outbox.counts()).toEqual({ pending: 5, acknowledged: 0 });
    const acked = next('acknowledged');
    transport.ackAll();
    await acked;
    expect(store.outbox.counts()).toEqual({ pending: 2, acknowledged: 3 });
    const second = await transport.sent(2);
    expect(second.items.map((i) => i.id)).toEqual([readings[2]!.id, readings[3]!.id]);
    const idle = next('idle');
    transport.ackAll();
    await idle;
    expect(store.outbox.counts()).toEqual({ pending: 0, acknowledged: 5 });
    await client.stop();
  });

  it('wakes on a new write when idle', async () => {
    const { store, transport, client, next, sessionId } = setup();
    client.start();
    await transport.sent(1);
    const idle = next('idle');
    transport.ackAll();
    await idle;
    const reading = oximetry();
    store.recordMeasurement(sessionId, reading);
    expect((await transport.sent(2)).items.map((i) => i.id)).toEqual([reading.id]);
    transport.ackAll();
    await client.stop();
  });

  it('keeps what the platform did not acknowledge, and sends it again first', async () => {
    const { store, transport, client, next, sessionId } = setup(3);
    const [a, b] = [oximetry(), oximetry()];
    store.recordMeasurement(sessionId, a);
    store.recordMeasurement(sessionId, b);
    client.start();
    const first = await transport.sent(1);
    const acked = next('acknowledged');
    transport.ack([first.items[0]!.id, a.id, randomUUID()]);
    expect(await acked).toEqual({ type: 'acknowledged', count: 2, ids: [first.items[0]!.id, a.id] });
    expect((await transport.sent(2)).items.map((i) => i.id)).toEqual([b.id]);
    transport.ackAll();
    await client.stop();
  });

  it('retries with exponential backoff on the clock, not sooner, through new writes', async () => {
    const { store, clock, transport, client, next, sessionId } = setup(10);
    client.start();
    await transport.sent(1);
    for (const [attempt, delay] of [
      [1, 1000],
      [2, 2000],
      [3, 4000],
      [4, 8000],
      [5, 8000],
    ] as const) {
      const retry = next('retry');
      transport.fail();
      expect(await retry).toMatchObject({ type: 'retry', attempt, delayMs: delay });
      store.recordMeasurement(sessionId, oximetry());
      clock.advance(delay - 1);
      expect(transport.batches).toHaveLength(attempt);
      clock.advance(1);
      await transport.sent(attempt + 1);
    }
    const acked = next('acknowledged');
    transport.ackAll();
    await acked;
    expect(store.outbox.counts().pending).toBe(0);
    // Success resets the backoff: the next failure waits the initial delay again.
    store.recordMeasurement(sessionId, oximetry());
    await transport.sent(7);
    const retry = next('retry');
    transport.fail();
    expect(await retry).toMatchObject({ attempt: 1, delayMs: 1000 });
    await client.stop();
  });

  it('reports its status for technicians and the fleet view', async () => {
    const { store, clock, transport, client, next, sessionId } = setup(10);
    expect(client.status()).toEqual({
      state: 'stopped',
      pending: 1,
      failures: 0,
      lastError: null,
      lastAcknowledgedAt: null,
    });
    store.recordMeasurement(sessionId, oximetry());
    client.start();
    await transport.sent(1);
    expect(client.status()).toMatchObject({ state: 'sending', pending: 2 });
    const retry = next('retry');
    transport.fail();
    await retry;
    expect(client.status()).toMatchObject({
      state: 'retrying',
      pending: 2,
      failures: 1,
      lastError: 'platform unreachable (ECONNREFUSED)',
    });
    clock.advance(1000);
    await transport.sent(2);
    const idle = next('idle');
    transport.ackAll();
    await idle;
    expect(client.status()).toEqual({
      state: 'idle',
      pending: 0,
      failures: 0,
      lastError: null,
      lastAcknowledgedAt: clock.now(),
    });
    await client.stop();
    expect(client.status().state).toBe('stopped');
  });

  it('waits the longest delay after a refusal a quick retry cannot fix', async () => {
    const { transport, client, next } = setup();
    client.start();
    await transport.sent(1);
    const retry = next('retry');
    transport.fail(new SyncTransportError('platform answered 400 invalid-batch', false, 400));
    expect(await retry).toMatchObject({ delayMs: 8000 });
    await client.stop();
  });

  it('resumes after a restart from whatever is unacknowledged', async () => {
    const { store, clock, transport, client, sessionId } = setup(2);
    const readings = [oximetry(), oximetry(), oximetry()];
    for (const r of readings) store.recordMeasurement(sessionId, r);
    client.start();
    await transport.sent(1);
    const stopped = client.stop();
    transport.fail();
    await stopped;
    const again = new SyncClient({ outbox: store.outbox, transport, clock, batchSize: 10 });
    again.start();
    const resent = await transport.sent(2);
    expect(resent.items.map((i) => i.id).slice(1)).toEqual(readings.map((r) => r.id));
    transport.ackAll();
    await again.stop();
    expect(store.outbox.counts()).toEqual({ pending: 0, acknowledged: 4 });
  });

  it('stops without waiting for a request the platform never answers', async () => {
    const { store, clock } = setup();
    let aborted = false;
    const hanging: RecordsTransport = {
      send: (_batch, signal) =>
        new Promise((_resolve, reject) =>
          signal?.addEventListener('abort', () => {
            aborted = true;
            reject(new SyncTransportError('aborted', true));
          }),
        ),
    };
    const client = new SyncClient({ outbox: store.outbox, transport: hanging, clock });
    const sending = new Promise<void>((resolve) => {
      const original = hanging.send.bind(hanging);
      hanging.send = (batch, signal) => {
        resolve();
        return original(batch, signal);
      };
    });
    client.start();
    await sending;
    await client.stop();
    expect(aborted).toBe(true);
    expect(store.outbox.counts().pending).toBe(1);
    expect(clock.pendingDelays()).toEqual([]);
  });
});
