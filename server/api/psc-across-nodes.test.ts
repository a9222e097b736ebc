import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { PLATFORM_API } from '../../common/signaling/fleet';
import { startPscTestProvider, type PscTestProvider } from '../auth/pro-sante-connect/testing/psc-test-provider';
import { TestBrowser } from '../auth/pro-sante-connect/testing/test-browser';
import type { Platform } from '../platform';
import { requireMediasoupWorker } from '../testing/mediasoup-stack';
import { requireRedis } from '../testing/redis-instance';
import { startTestPlatform } from '../testing/test-platform';

/**
 * Issue 15: a Pro Santé Connect sign-in started on node A completes on node B (no sticky load
 * balancer, or A gone meanwhile): the state, nonce and PKCE verifier wait in the cluster's Redis
 * (server/auth/shared-auth-state.ts), not in A's memory. Two real platforms on one real Redis, the
 * real test OpenID provider; both nodes have the same public URL, as behind a load balancer.
 */
const mediasoup = await requireMediasoupWorker();
const redis = await requireRedis();
const root = mkdtempSync(join(tmpdir(), 'psc-nodes-'));
const platforms: Platform[] = [];
let provider: PscTestProvider | null = null;
afterAll(async () => {
  for (const platform of platforms.reverse()) await platform.close();
  await provider?.close();
  if (!redis.missing) await redis.value.stop();
  rmSync(root, { recursive: true, force: true });
});

/** A node on its own folder, the platform secret copied from the first (as production copies it). */
async function node(id: string, options: { publicUrl?: string; settings: PscTestProvider['settings'] }) {
  const dataDir = join(root, id);
  mkdirSync(dataDir);
  if (id !== 'node-a') copyFileSync(join(root, 'node-a', 'platform-secret'), join(dataDir, 'platform-secret'));
  const platform = await startTestPlatform({
    dataDir,
    dataKey: randomBytes(32),
    redisUrl: redis.value.url,
    nodeId: id,
    proSanteConnect: options.settings,
    ...(options.publicUrl && { publicUrl: options.publicUrl }),
  });
  platforms.push(platform);
  return platform;
}

mediasoup.describe('Pro Santé Connect across two nodes', () => {
  redis.describe('with Redis', () => {
    it('completes on node B a sign-in started on node A, once', async () => {
      provider = await startPscTestProvider();
      const a = await node('node-a', { settings: provider.settings });
      // The public URL both nodes answer under (the load balancer's): A's, for this test.
      const b = await node('node-b', { settings: provider.settings, publicUrl: a.url });
      provider.registerRedirect(`${a.url}${PLATFORM_API.pscCallback}`);

      const browser = new TestBrowser();
      const callback = await browser.follow(`${a.url}${PLATFORM_API.pscStart}`, (url) =>
        url.pathname.endsWith(PLATFORM_API.pscCallback),
      );
      const flow = browser.cookie(a.url, 'psc-flow');
      expect(flow).toBeTruthy();
      // The provider's answer lands on node B.
      const headers = { cookie: `psc-flow=${flow}` };
      const onB = `${b.url}${callback.pathname}${callback.search}`;
      const answered = await fetch(onB, { headers, redirect: 'manual' });
      expect(answered.status).toBe(303);
      expect(answered.headers.get('location')).not.toMatch(/psc=(?!signed-in)/);
      // And the console collects the session on B (then on neither node again).
      const collect = () =>
        fetch(`${b.url}${PLATFORM_API.pscSession}`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: '{}',
        });
      const collected = await collect();
      expect(collected.status).toBe(200);
      const { token, doctor } = (await collected.json()) as { token: string; doctor: { rpps: string } };
      expect(doctor.rpps).toBe('10000000001');
      expect((await collect()).status).toBe(401);
      // The answer replayed on A: the flow was used once, on B.
      const replayed = await fetch(`${a.url}${callback.pathname}${callback.search}`, { headers, redirect: 'manual' });
      expect(replayed.headers.get('location')).toMatch(/psc=state-mismatch/);
      // The session is a real one: B's doctor routes take it (the fleet), and refuse a made-up one.
      const fleet = (bearer: string) =>
        fetch(`${b.url}${PLATFORM_API.fleet}`, { headers: { authorization: `Bearer ${bearer}` } });
      expect((await fleet(token)).status).toBe(200);
      expect((await fleet('x'.repeat(43))).status).toBe(401);
    }, 60_000);
  });
});
