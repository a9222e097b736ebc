import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../common/util/testing/manual-clock';
import { requireRedis } from '../../testing/redis-instance';
import { DoctorSessions } from '../doctor-sessions';
import { memoryAuthStores } from '../testing/memory-auth-stores';
import { RedisPscFlowStore } from './psc-flow-store-redis';
import { DEFAULT_PSC_FLOW_LIMITS, MemoryPscFlowStore, PscFlows, type PscFlowStore } from './psc-flows';

/** The flows' contract on both stores: this node's memory, and Redis shared by the nodes. */
const redis = await requireRedis();
const clients: Redis[] = [];
afterAll(async () => {
  for (const client of clients) client.disconnect();
  if (!redis.missing) await redis.value.stop();
});

const checks = (n: number) => ({ state: `state-${n}`, nonce: `nonce-${n}`, codeVerifier: `verifier-${n}` });
const doctor = { id: 'd1', name: 'Dr Claire Martin', rpps: '10000000001' };
const SECRET = randomBytes(32);

function redisClient(): Redis {
  const client = new Redis(redis.value.url);
  clients.push(client);
  return client;
}

const engines: {
  name: string;
  describe: (title: string, body: () => void) => void;
  store: (clock: ManualClock) => PscFlowStore;
}[] = [
  { name: 'memory', describe, store: (clock) => new MemoryPscFlowStore(clock, DEFAULT_PSC_FLOW_LIMITS.max) },
  { name: 'Redis', describe: redis.describe, store: () => new RedisPscFlowStore(redisClient(), SECRET) },
];

for (const engine of engines)
  engine.describe(`Pro Santé Connect flows in ${engine.name}`, () => {
    it('gives each stage once: the checks to the callback, then the session to the console', async () => {
      const clock = new ManualClock();
      const flows = new PscFlows(clock, undefined, engine.store(clock));
      const id = await flows.open(checks(1));
      expect(id).toMatch(/^[\w-]{32}$/);
      expect(await flows.takeSession(id)).toBeNull();
      // Asking for the session at the wrong stage spent the flow: an answer cannot be tried twice.
      expect(await flows.takeChecks(id)).toBeNull();

      const other = await flows.open(checks(2));
      expect(await flows.takeChecks(other)).toEqual(checks(2));
      expect(await flows.takeChecks(other)).toBeNull();
      const session = await new DoctorSessions(memoryAuthStores().sessions).create(doctor);
      await flows.signedIn(other, session);
      expect(await flows.takeSession(other)).toEqual(session);
      expect(await flows.takeSession(other)).toBeNull();
      expect(await flows.takeChecks(undefined)).toBeNull();
    });

    it('forgets a flow left at the provider past 10 minutes, and a session not collected within 2', async () => {
      const clock = new ManualClock();
      const flows = new PscFlows(clock, undefined, engine.store(clock));
      const late = await flows.open(checks(1));
      const onTime = await flows.open(checks(2));
      clock.advance(9 * 60_000);
      expect(await flows.takeChecks(onTime)).toEqual(checks(2));
      clock.advance(60_000);
      expect(await flows.takeChecks(late)).toBeNull();
      await flows.signedIn(onTime, await new DoctorSessions(memoryAuthStores().sessions, clock).create(doctor));
      clock.advance(2 * 60_000);
      expect(await flows.takeSession(onTime)).toBeNull();
    });
  });

describe('Pro Santé Connect flows in memory', () => {
  it('keeps at most `max` flows, dropping the oldest (a flood of starts cannot grow memory)', async () => {
    const clock = new ManualClock();
    const store = new MemoryPscFlowStore(clock, 3);
    const flows = new PscFlows(clock, { atProviderMs: 60_000, handOffMs: 60_000, max: 3 }, store);
    const ids = await Promise.all([1, 2, 3, 4].map((n) => flows.open(checks(n))));
    expect(store.size).toBe(3);
    expect(await flows.takeChecks(ids[0])).toBeNull();
    expect(await flows.takeChecks(ids[3])).toEqual(checks(4));
  });
});

redis.describe('Pro Santé Connect flows in Redis', () => {
  it('are taken by another node once, expire in Redis, and show Redis neither the id nor the checks', async () => {
    const clock = new ManualClock();
    const nodeA = new PscFlows(clock, undefined, new RedisPscFlowStore(redisClient(), SECRET));
    const nodeB = new PscFlows(clock, undefined, new RedisPscFlowStore(redisClient(), SECRET));
    const id = await nodeA.open(checks(1));
    const look = redisClient();
    const keys = await look.keys('platform:psc-flow:*');
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toContain(id);
    const ttl = await look.pttl(keys[0]!);
    expect(ttl).toBeGreaterThan(9 * 60_000);
    expect(ttl).toBeLessThanOrEqual(10 * 60_000);
    expect(await look.get(keys[0]!)).not.toMatch(/verifier-1|nonce-1|state-1/);
    // Two callbacks racing on two nodes: one gets the checks.
    const [onB, onA] = await Promise.all([nodeB.takeChecks(id), nodeA.takeChecks(id)]);
    expect([onB, onA].filter(Boolean)).toEqual([checks(1)]);
    // Another platform's secret opens nothing.
    const stranger = new PscFlows(clock, undefined, new RedisPscFlowStore(redisClient(), randomBytes(32)));
    const other = await nodeA.open(checks(2));
    expect(await stranger.takeChecks(other)).toBeNull();
  });
});
