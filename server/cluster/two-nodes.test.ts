import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { DEV_DOCTOR } from '../auth/doctor-accounts';
import { requireMediasoupWorker } from '../testing/mediasoup-stack';
import { requirePostgres } from '../testing/postgres-instance';
import { requireRedis } from '../testing/redis-instance';
import { requireHaproxyBinary, startHaproxy, type HaproxyInstance } from '../testing/haproxy-instance';
import { produceAudio, QUEUE_ENTRY, type DoctorClient, type KioskClient } from '../testing/signal-clients';
import { doctorAt, kioskAt, kioskCredential, retrying, startNode, type NodeProcess } from './testing/cluster-processes';

/**
 * Issue 15: two real nodes (`server/main.ts`) behind HAProxy running build/haproxy/platform.cfg,
 * sharing a real PostgreSQL and a real Redis. The patient queues through node A, the doctor is
 * connected to node B: B relays the doctor's socket to A (which holds the calls) over the signed
 * bus, and the call is set up across both. Node A is SIGKILLed mid-call: B takes the calls over
 * from PostgreSQL, and both clients come back through the public URL: the kiosk is back in its call,
 * the doctor (signed in again: sessions are per node) rejoins it, and the media are negotiated anew
 * in a room on node B.
 */
const mediasoup = await requireMediasoupWorker();
const postgres = await requirePostgres();
const redis = await requireRedis();
const haproxy = await requireHaproxyBinary();
const nodes: NodeProcess[] = [];
const clients: { close(): void }[] = [];
let balancer: HaproxyInstance | null = null;
const root = mkdtempSync(join(tmpdir(), 'two-nodes-'));
afterAll(async () => {
  for (const client of clients) client.close();
  await balancer?.stop();
  for (const node of nodes) await node.kill();
  if (!redis.missing) await redis.value.stop();
  if (!postgres.missing) await postgres.value.stop();
  rmSync(root, { recursive: true, force: true });
});

const KIOSK = 'kiosk-cluster';

async function health(url: string) {
  const res = await fetch(`${url}/healthz`);
  return { status: res.status, body: (await res.json()) as { cluster: { callNode: string; nodes: string[] } } };
}

async function ticket(url: string, sessionId: string): Promise<string> {
  const res = await fetch(`${url}/api/call-tickets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${kioskCredential(root, KIOSK)}`, 'content-type': 'application/json' },
    body: JSON.stringify({ sessionId }),
  });
  if (!res.ok) throw new Error(`call ticket: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

async function joined(url: string, token: string, sessionId: string) {
  const kiosk = await kioskAt(url);
  clients.push(kiosk);
  const answer = await kiosk.request('join-queue', {
    token,
    sessionId,
    queueEntry: QUEUE_ENTRY,
    identity: null,
    devices: [],
  });
  return { kiosk, answer };
}

async function signedIn(url: string): Promise<DoctorClient> {
  const doctor = await doctorAt(url);
  clients.push(doctor);
  await doctor.request('sign-in', { email: DEV_DOCTOR.email, password: DEV_DOCTOR.password });
  return doctor;
}

/** The doctor accepts and both sides negotiate media: the kiosk's producer reaches the doctor. */
async function callSetUp(doctor: DoctorClient, kiosk: KioskClient, consultationId: string) {
  const accepted = kiosk.events.upcoming('doctor-accepted');
  await doctor.request('accept', { consultationId });
  await accepted;
  const produced = doctor.events.upcoming('new-producer');
  const { producerId } = await produceAudio(kiosk);
  expect((await produced).producer.producerId).toBe(producerId);
}

mediasoup.describe('two platform nodes behind HAProxy', () => {
  redis.describe('with Redis', () => {
    postgres.describe('and PostgreSQL', () => {
      haproxy.describe('and HAProxy', () => {
        it('routes a call across the nodes, and survives the SIGKILL of the node holding it', async () => {
          const env = {
            PLATFORM_DATA_KEY: randomBytes(32).toString('base64'),
            PLATFORM_DATABASE_URL: await postgres.value.createDatabase(),
            PLATFORM_REDIS_URL: redis.value.url,
            PLATFORM_TRUST_PROXY: '127.0.0.1',
          };
          const a = await startNode(root, 'node-a', env, KIOSK);
          nodes.push(a);
          const b = await startNode(root, 'node-b', env, KIOSK);
          nodes.push(b);
          balancer = await startHaproxy([a.address, b.address]);
          const publicUrl = balancer.url;
          await vi.waitFor(
            async () => expect((await health(publicUrl)).body.cluster.nodes.sort()).toEqual(['node-a', 'node-b']),
            {
              timeout: 5_000,
            },
          );
          expect((await health(publicUrl)).body.cluster.callNode).toBe('node-a');

          // The patient queues through node A; the doctor is on node B.
          const sessionId = randomUUID();
          const token = await ticket(publicUrl, sessionId);
          const first = await joined(a.url, token, sessionId);
          expect(first.answer).toMatchObject({ state: 'waiting', position: 1 });
          const consultationId = first.answer.consultationId;
          const doctor = await signedIn(b.url);
          const list = await doctor.request('subscribe-queue', {});
          expect(list.entries.map((e) => e.consultationId)).toEqual([consultationId]);
          await callSetUp(doctor, first.kiosk, consultationId);

          // Node A dies mid-call.
          const killedAt = Date.now();
          await a.kill();
          const back = await retrying(() => joined(publicUrl, token, sessionId), 15_000);
          const kioskBackMs = Date.now() - killedAt;
          // Back in its call, not in the queue: same consultation, same doctor.
          expect(back.answer).toMatchObject({ consultationId, state: 'in-call', doctor: { name: 'Dr Claire Martin' } });
          const again = await retrying(() => signedIn(publicUrl), 15_000);
          const { ownCall } = await again.request('subscribe-queue', {});
          expect(ownCall).toBe(consultationId);
          const rejoined = await again.request('rejoin', { consultationId });
          expect(rejoined.consultationId).toBe(consultationId);
          const produced = again.events.upcoming('new-producer');
          const { producerId } = await produceAudio(back.kiosk);
          expect((await produced).producer.producerId).toBe(producerId);
          const resumedMs = Date.now() - killedAt;
          console.info(
            `failover: kiosk back in its call after ${kioskBackMs} ms, call re-established after ${resumedMs} ms`,
          );
          expect(resumedMs).toBeLessThan(10_000);
          expect((await health(publicUrl)).body.cluster.callNode).toBe('node-b');
        }, 90_000);
      });
    });
  });
});
