import { setLogLevel } from '../../common/util/logger';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { requireRedis, startRedis } from '../testing/redis-instance';
import { BUS_MAX_AGE_MS, busKeyFrom, sealEnvelope } from './bus-envelope';
import { InProcessBus, type BusMessage, type ClusterBus, type SignedBus } from './cluster-bus';
import { RedisBus } from './redis-bus';
import { Redis } from 'ioredis';

const SECRET = Buffer.alloc(32, 7);
const redis = await requireRedis();
afterAll(async () => {
  if (!redis.missing) await redis.value.stop();
});

/** Two nodes on one bus and a way to put raw bytes on it (what anyone on the network could write). */
interface Pair {
  a: SignedBus;
  b: SignedBus;
  raw(text: string): Promise<void>;
}

function next<T>(bus: ClusterBus, topic: string): Promise<BusMessage<T>> {
  return new Promise((resolve) => {
    const off = bus.subscribe<T>(topic, (m) => (off(), resolve(m)));
  });
}

/** Resolves once `bus` has refused `count` messages in total. */
async function refusals(bus: SignedBus, count: number): Promise<void> {
  await vi.waitFor(() => expect(bus.refused).toBe(count), { timeout: 3_000, interval: 20 });
}

function contract(name: string, open: () => Promise<Pair>, close: (pair: Pair) => Promise<void>) {
  describe(`the cross-node bus (${name})`, () => {
    let pair: Pair;
    afterEach(() => close(pair));

    it('delivers a message to every node, the sender included, with the sender node id', async () => {
      pair = await open();
      const onB = next<{ position: number }>(pair.b, 'queue');
      const onA = next<{ position: number }>(pair.a, 'queue');
      await pair.a.publish('queue', { position: 3 });
      expect(await onB).toEqual({ from: pair.a.nodeId, payload: { position: 3 } });
      expect((await onA).from).toBe(pair.a.nodeId);
    });

    it('refuses a forged, a stale and a replayed message, logging why without the payload', async () => {
      pair = await open();
      setLogLevel('warn');
      const warn = vi.spyOn(console, 'error').mockImplementation(() => {});
      const got: unknown[] = [];
      pair.b.subscribe('signal', (m) => got.push(m.payload));
      const forged = sealEnvelope(
        busKeyFrom(Buffer.alloc(32, 9)),
        'intruder',
        'signal',
        { nir: '1850578006048' },
        Date.now(),
      );
      await pair.raw(forged);
      await refusals(pair.b, 1);
      const stale = sealEnvelope(busKeyFrom(SECRET), 'old', 'signal', { n: 1 }, Date.now() - BUS_MAX_AGE_MS - 1_000);
      await pair.raw(stale);
      await refusals(pair.b, 2);
      const fresh = sealEnvelope(busKeyFrom(SECRET), pair.a.nodeId, 'signal', { n: 2 }, Date.now());
      await pair.raw(fresh);
      await pair.raw(fresh);
      await refusals(pair.b, 3);
      await pair.raw('{not json');
      await refusals(pair.b, 4);
      expect(got).toEqual([{ n: 2 }]);
      const lines = warn.mock.calls.map((c) => String(c[0])).join('\n');
      expect(lines).toContain('refused a cross-node message (forged) on topic signal from node intruder');
      expect(lines).toContain('(stale)');
      expect(lines).toContain('(replayed)');
      expect(lines).not.toContain('1850578006048');
      warn.mockRestore();
      setLogLevel('silent');
    });

    it('says it is healthy while it carries messages', async () => {
      pair = await open();
      expect(pair.a.health()).toEqual({ ok: true });
    });
  });
}

contract(
  'in-process',
  async () => {
    // One process, one bus: the second "node" is the same bus (a single node talks to itself).
    const bus = new InProcessBus('solo', SECRET);
    return { a: bus, b: bus, raw: async (text) => (bus as unknown as { receive(r: string): void }).receive(text) };
  },
  async (pair) => pair.a.close(),
);

redis.describe('on a real redis-server', () => {
  contract(
    'Redis pub/sub',
    async () => {
      const a = await RedisBus.open(redis.value.url, 'node-a', SECRET);
      const b = await RedisBus.open(redis.value.url, 'node-b', SECRET);
      return { a, b, raw: (text) => a.sendRaw(text) };
    },
    async (pair) => (await pair.a.close(), await pair.b.close()),
  );

  it('puts nothing of a payload in clear on Redis', async () => {
    const a = await RedisBus.open(redis.value.url, 'node-a', SECRET);
    const spy = new Redis(redis.value.url);
    await spy.subscribe('platform:bus');
    const onWire = new Promise<string>((resolve) =>
      spy.once('message', (_channel: string, raw: string) => resolve(raw)),
    );
    await a.publish('signal', { identity: { lastName: 'DUPONT', nir: '1850578006048' } });
    const raw = await onWire;
    expect(raw).toContain('"node":"node-a"');
    expect(raw).not.toMatch(/DUPONT|1850578006048/);
    spy.disconnect();
    await a.close();
  });

  it('refuses to open on an unreachable Redis, naming it without its password', async () => {
    await expect(RedisBus.open('redis://:s3cret@127.0.0.1:1', 'n', SECRET)).rejects.toThrow(
      /^PLATFORM_REDIS_URL: cannot connect to Redis at 127\.0\.0\.1:1: .*ECONNREFUSED/,
    );
  });

  it('says why once Redis is lost mid-run', async () => {
    const own = await startRedis();
    const bus = await RedisBus.open(own.url, 'n', SECRET);
    await own.stop();
    await vi.waitFor(() =>
      expect(bus.health()).toEqual({ ok: false, reason: `Redis at 127.0.0.1:${own.port} unreachable` }),
    );
    await expect(bus.publish('queue', {})).rejects.toThrow();
    await bus.close();
  });
});
