import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, expect, it, vi } from 'vitest';
import { requireMediasoupWorker } from '../testing/mediasoup-stack';
import { requirePostgres } from '../testing/postgres-instance';
import { requireRedis, startRedis } from '../testing/redis-instance';
import { startFreezableProxy, type FreezableProxy } from '../testing/freezable-proxy';
import { QUEUE_ENTRY } from '../testing/signal-clients';
import { kioskAt, kioskCredential, startNode, type NodeProcess } from './testing/cluster-processes';

/**
 * Issue 15, split brain: two real nodes (`server/main.ts`) on a real PostgreSQL and a real Redis.
 * Node A holds the calls, then is cut from Redis only (a split: no error, no answer; its lease
 * renewal hangs), while its kiosks and PostgreSQL still reach it. Its lease lapses, node B takes the
 * calls over with the next epoch. A, still believing it holds them, takes a kiosk's join: storage
 * refuses the write for its stale epoch, the join is not answered as stored, A steps down (its log
 * and /healthz say why) and exits. The queue in storage is B's: each patient once, none lost.
 * Then a node paused by SIGSTOP past its lease: awake, its first renewal finds B's lease, it steps
 * down the same way (the fence is for the write that would come before that renewal).
 */
const mediasoup = await requireMediasoupWorker();
const postgres = await requirePostgres();
const redis = await requireRedis();
const nodes: NodeProcess[] = [];
const clients: { close(): void }[] = [];
let proxy: FreezableProxy | null = null;
const root = mkdtempSync(join(tmpdir(), 'split-brain-'));
afterAll(async () => {
  for (const client of clients) client.close();
  for (const node of nodes) await node.kill();
  await proxy?.close();
  if (!redis.missing) await redis.value.stop();
  if (!postgres.missing) await postgres.value.stop();
  rmSync(root, { recursive: true, force: true });
});

const KIOSK = 'kiosk-split';

interface Health {
  cluster: {
    callNode: string | null;
    epoch: number;
    accepting: boolean;
    reason: string | null;
    deposed: string | null;
  };
}

async function health(url: string): Promise<{ status: number; body: Health }> {
  const res = await fetch(`${url}/healthz`);
  return { status: res.status, body: (await res.json()) as Health };
}

async function queueAt(url: string, sessionId: string, folder = root) {
  const res = await fetch(`${url}/api/call-tickets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${kioskCredential(folder, KIOSK)}`, 'content-type': 'application/json' },
    body: JSON.stringify({ sessionId }),
  });
  if (!res.ok) throw new Error(`call ticket: ${res.status}`);
  const { token } = (await res.json()) as { token: string };
  const kiosk = await kioskAt(url);
  clients.push(kiosk);
  return kiosk.request('join-queue', { token, sessionId, queueEntry: QUEUE_ENTRY, identity: null, devices: [] });
}

async function storedSessions(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ session_id: string }>(
      "SELECT session_id FROM queue_consultations WHERE state = 'waiting' ORDER BY joined_at_ms",
    );
    return rows.map((r) => r.session_id);
  } finally {
    await client.end();
  }
}

mediasoup.describe('two platform nodes split from each other', () => {
  redis.describe('with Redis', () => {
    postgres.describe('and PostgreSQL', () => {
      it('fences the node cut from Redis out of storage once another holds the calls', async () => {
        proxy = await startFreezableProxy('redis', redis.value.port);
        const databaseUrl = await postgres.value.createDatabase();
        const env = { PLATFORM_DATA_KEY: randomBytes(32).toString('base64'), PLATFORM_DATABASE_URL: databaseUrl };
        const a = await startNode(root, 'node-a', { ...env, PLATFORM_REDIS_URL: proxy.url }, KIOSK);
        nodes.push(a);
        const b = await startNode(root, 'node-b', { ...env, PLATFORM_REDIS_URL: redis.value.url }, KIOSK);
        nodes.push(b);
        const before = (await health(a.url)).body.cluster;
        expect(before).toMatchObject({ callNode: 'node-a', accepting: true, deposed: null });
        const [first, second, third] = [randomUUID(), randomUUID(), randomUUID()];
        expect(await queueAt(a.url, first)).toMatchObject({ state: 'waiting', position: 1 });

        // The split: A hears nothing more from Redis and is told nothing; B takes the calls over.
        proxy.freeze();
        const splitAt = Date.now();
        await vi.waitFor(async () => expect((await health(b.url)).body.cluster.callNode).toBe('node-b'), {
          timeout: 10_000,
          interval: 100,
        });
        const takenOverMs = Date.now() - splitAt;
        const after = (await health(b.url)).body.cluster;
        expect(after.epoch).toBeGreaterThan(before.epoch);
        expect(await queueAt(b.url, second)).toMatchObject({ state: 'waiting', position: 2 });
        // A still believes it holds the calls.
        expect((await health(a.url)).body.cluster).toMatchObject({ callNode: 'node-a', deposed: null });

        // A patient arrives at A: its write carries A's old epoch and storage refuses it.
        await expect(queueAt(a.url, third)).rejects.toThrow();
        const refused = await health(a.url);
        expect(refused.status).toBe(503);
        expect(refused.body.cluster).toMatchObject({ accepting: false, callNode: null, epoch: 0 });
        expect(refused.body.cluster.deposed).toMatch(
          new RegExp(`epoch ${before.epoch} is older than ${after.epoch}, another node holds the calls`),
        );
        expect(a.log()).toMatch(/this node no longer holds the calls: storage refused this node's write/);
        const exit = a.child.exitCode ?? (await new Promise<number | null>((done) => a.child.once('exit', done)));
        expect(exit).toBe(75);

        // Storage holds B's queue: the first two patients, once each; the third joins again at B.
        expect(await storedSessions(databaseUrl)).toEqual([first, second]);
        expect(await queueAt(b.url, third)).toMatchObject({ state: 'waiting', position: 3 });
        expect(await storedSessions(databaseUrl)).toEqual([first, second, third]);
        console.info(`split: node B took the calls over ${takenOverMs} ms after the split`);
      }, 90_000);

      it('steps down the node paused past its lease when it wakes, the queue whole', async () => {
        const own = await startRedis();
        const folder = join(root, 'paused');
        const databaseUrl = await postgres.value.createDatabase();
        const env = {
          PLATFORM_DATA_KEY: randomBytes(32).toString('base64'),
          PLATFORM_DATABASE_URL: databaseUrl,
          PLATFORM_REDIS_URL: own.url,
        };
        try {
          const a = await startNode(folder, 'node-a', env, KIOSK);
          nodes.push(a);
          const b = await startNode(folder, 'node-b', env, KIOSK);
          nodes.push(b);
          const [first, second] = [randomUUID(), randomUUID()];
          expect(await queueAt(a.url, first, folder)).toMatchObject({ state: 'waiting', position: 1 });
          // A long GC pause, as the kernel makes it: A runs nothing, its sockets stay open.
          process.kill(a.child.pid!, 'SIGSTOP');
          await vi.waitFor(async () => expect((await health(b.url)).body.cluster.callNode).toBe('node-b'), {
            timeout: 10_000,
            interval: 100,
          });
          expect(await queueAt(b.url, second, folder)).toMatchObject({ state: 'waiting', position: 2 });
          process.kill(a.child.pid!, 'SIGCONT');
          // Awake, A finds another node's lease at its first renewal and steps down.
          await vi.waitFor(
            async () => expect((await health(a.url)).body.cluster.deposed).toMatch(/node node-b took the calls over/),
            { timeout: 5_000, interval: 50 },
          );
          const exit = a.child.exitCode ?? (await new Promise<number | null>((done) => a.child.once('exit', done)));
          expect(exit).toBe(75);
          expect(await storedSessions(databaseUrl)).toEqual([first, second]);
        } finally {
          await own.stop();
        }
      }, 90_000);
    });
  });
});
