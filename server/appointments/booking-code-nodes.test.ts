import { afterAll, expect, it } from 'vitest';
import { openSharedAuthState } from '../auth/shared-auth-state';
import { requireRedis } from '../testing/redis-instance';
import { CodeAttempts, sharedCodeAttempts, type CodeAttemptCounter } from './booking-code';
import { cleanupsAfterEach } from '../../common/util/testing/cleanups';

/**
 * Wrong booking codes per kiosk (issue 17) counted for all nodes together on the cluster's real
 * Redis: a kiosk whose requests reach two nodes gets the tries of one. Memory: one node's count.
 */
const redis = await requireRedis();
const cleanups = cleanupsAfterEach();
afterAll(async () => {
  if (!redis.missing) await redis.value.stop();
});

async function nodeCounter(): Promise<CodeAttemptCounter> {
  const shared = await openSharedAuthState(redis.value.url);
  cleanups.push(() => shared.close());
  return sharedCodeAttempts(shared.limiter, 5, 60_000);
}

redis.describe('wrong booking codes across two nodes', () => {
  it('blocks the kiosk on every node after five wrong codes typed across them', async () => {
    const [a, b] = [await nodeCounter(), await nodeCounter()];
    const now = Date.now();
    for (const node of [a, b, a, b]) await node.failed('kiosk-x', now);
    expect(await a.blocked('kiosk-x', now)).toBe(false);
    expect(await b.blocked('kiosk-x', now)).toBe(false);
    await a.failed('kiosk-x', now);
    expect(await b.blocked('kiosk-x', now)).toBe(true);
    expect(await a.blocked('kiosk-x', now)).toBe(true);
    // Another kiosk is not concerned.
    expect(await b.blocked('kiosk-y', now)).toBe(false);
  });
});

it('counts in memory on one node, in a sliding window', async () => {
  const attempts = new CodeAttempts(2, 1_000);
  await attempts.failed('k', 0);
  await attempts.failed('k', 500);
  expect(await attempts.blocked('k', 900)).toBe(true);
  expect(await attempts.blocked('k', 1_200)).toBe(false);
});
