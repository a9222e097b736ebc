import { randomBytes } from 'node:crypto';
import { afterAll, expect, it } from 'vitest';
import { PLATFORM_API } from '../../common/signaling/fleet';
import type { Platform } from '../platform';
import { requireMediasoupWorker } from '../testing/mediasoup-stack';
import { requireRedis, startRedis } from '../testing/redis-instance';
import { startTestPlatform } from '../testing/test-platform';
import { DEV_DOCTOR } from './doctor-accounts';
import { openSharedAuthState } from './shared-auth-state';
import { SignInThrottle } from './sign-in-throttle';
import { cleanupsAfterEach } from '../../common/util/testing/cleanups';

/**
 * Issue 15: a password guesser spread over the nodes gets the tries of one node. Two real platforms
 * on one real Redis count each account's failures together (server/auth/shared-auth-state.ts);
 * Redis lost, each node counts alone rather than refusing every sign-in.
 */
const mediasoup = await requireMediasoupWorker();
const redis = await requireRedis();
const cleanups = cleanupsAfterEach();
afterAll(async () => {
  if (!redis.missing) await redis.value.stop();
});

const LIMITS = { perAccount: 3, perAddress: 100, overall: 1_000, windowSeconds: 60 };

async function node(nodeId: string, dataKey: Buffer): Promise<Platform> {
  const platform = await startTestPlatform({ redisUrl: redis.value.url, nodeId, dataKey, signInLimits: LIMITS });
  cleanups.push(() => platform.close());
  return platform;
}

function signIn(platform: Platform, password: string): Promise<number> {
  return fetch(`${platform.url}${PLATFORM_API.doctorSignIn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: DEV_DOCTOR.email, password }),
  }).then((res) => res.status);
}

mediasoup.describe('the sign-in throttle across nodes', () => {
  redis.describe('with Redis', () => {
    it('locks an account after its failures on all nodes together, not per node', async () => {
      const key = randomBytes(32);
      const a = await node('node-a', key);
      const b = await node('node-b', key);
      expect(await signIn(a, 'wrong-1')).toBe(401);
      expect(await signIn(b, 'wrong-2')).toBe(401);
      expect(await signIn(a, 'wrong-3')).toBe(401);
      // A fourth guess, on the other node: the account is locked there too, right password or not.
      expect(await signIn(b, 'wrong-4')).toBe(429);
      expect(await signIn(b, DEV_DOCTOR.password)).toBe(429);
      expect(await signIn(a, DEV_DOCTOR.password)).toBe(429);
    }, 60_000);
  });
});

redis.describe('the sign-in throttle with Redis lost', () => {
  it('counts on each node alone while Redis is away, and still locks', async () => {
    const own = await startRedis();
    cleanups.push(() => own.stop());
    const shared = await openSharedAuthState(own.url);
    cleanups.push(() => shared.close());
    const throttle = new SignInThrottle(LIMITS, shared.limiter);
    const wrong = () => throttle.attempt('someone@example.org', '203.0.113.7', () => Promise.resolve(null));
    expect((await wrong()).kind).toBe('refused');
    await own.stop();
    const outcomes = [];
    for (let i = 0; i < LIMITS.perAccount + 1; i++) outcomes.push((await wrong()).kind);
    expect(outcomes).toEqual(['refused', 'refused', 'refused', 'locked']);
    const right = await throttle.attempt('other@example.org', '203.0.113.7', () => Promise.resolve('doctor'));
    expect(right).toEqual({ kind: 'signed-in', value: 'doctor' });
  });
});
