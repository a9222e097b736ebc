import { randomBytes } from 'node:crypto';
import { expect, it, vi } from 'vitest';
import type { Platform } from '../platform';
import { requireMediasoupWorker } from '../testing/mediasoup-stack';
import { requirePostgres, startPostgres } from '../testing/postgres-instance';
import { requireRedis, startRedis } from '../testing/redis-instance';
import {
  connectDoctor,
  joinQueue,
  produceAudio,
  ticketFor,
  connectKiosk,
  QUEUE_ENTRY,
} from '../testing/signal-clients';
import { startTestPlatform } from '../testing/test-platform';
import { cleanupsAfterEach } from '../../common/util/testing/cleanups';

/**
 * Issue 15, bad input: a node that loses its Redis or its PostgreSQL while running stops taking new
 * calls, says why on /healthz (503, which takes it out of HAProxy), and keeps the call under way.
 */
const mediasoup = await requireMediasoupWorker();
// Checked here so a machine without them skips (or fails under CI) with the reason; each test starts its own, to stop it.
const redisStack = await requireRedis();
const postgresStack = await requirePostgres();
if (!redisStack.missing) await redisStack.value.stop();
if (!postgresStack.missing) await postgresStack.value.stop();

const cleanups = cleanupsAfterEach();

async function healthOf(platform: Platform) {
  const res = await fetch(`${platform.url}/healthz`);
  return {
    status: res.status,
    body: (await res.json()) as { ok: boolean; cluster: { accepting: boolean; reason: string | null } },
  };
}

/** A call under way: kiosk and doctor connected, accepted, the kiosk's audio produced. */
async function callUnderWay(platform: Platform) {
  const { kiosk, joined } = await joinQueue(platform, 'kiosk-running');
  const doctor = await connectDoctor(platform);
  cleanups.push(
    () => kiosk.close(),
    () => doctor.close(),
  );
  await doctor.request('subscribe-queue', {});
  await doctor.request('accept', { consultationId: joined.consultationId });
  await produceAudio(kiosk);
  return { kiosk, doctor, consultationId: joined.consultationId };
}

/**
 * After the loss: 503 and why, a new patient refused with the reason (without its database the node
 * refuses the kiosk's call ticket already; without Redis, the ticket is given and the join refused),
 * the running call still answered.
 */
async function refusesNewKeepsRunning(
  platform: Platform,
  call: Awaited<ReturnType<typeof callUnderWay>>,
  why: RegExp,
  refusedAt: 'ticket' | 'join',
) {
  await vi.waitFor(async () => expect((await healthOf(platform)).status).toBe(503), { timeout: 8_000, interval: 200 });
  const { body } = await healthOf(platform);
  expect(body.ok).toBe(false);
  expect(body.cluster.reason).toMatch(why);
  if (refusedAt === 'ticket') await expect(ticketFor(platform, 'kiosk-new')).rejects.toThrow('call ticket: 503');
  else await expect(newcomerJoins(platform)).rejects.toThrow(/the platform takes no new calls just now/);
  // The call under way: its media requests are answered, on both sides.
  expect((await call.doctor.request('list-producers', {})).producers).toHaveLength(1);
  await expect(call.kiosk.request('create-transport', { direction: 'recv' })).resolves.toHaveProperty('transportId');
}

async function newcomerJoins(platform: Platform) {
  const ticket = await ticketFor(platform, 'kiosk-new');
  const newcomer = await connectKiosk(platform);
  cleanups.push(() => newcomer.close());
  return newcomer.request('join-queue', {
    token: ticket.token,
    sessionId: ticket.sessionId,
    queueEntry: QUEUE_ENTRY,
    identity: null,
    devices: [],
  });
}

mediasoup.describe('a node losing a shared service mid-run', () => {
  it('Redis lost: no new calls, /healthz says why, the call under way goes on', async () => {
    const redis = await startRedis();
    const platform = await startTestPlatform({ redisUrl: redis.url, dataKey: randomBytes(32), nodeId: 'node-r' });
    cleanups.push(() => platform.close());
    expect(await healthOf(platform)).toMatchObject({ status: 200, body: { cluster: { accepting: true } } });
    const call = await callUnderWay(platform);
    await redis.stop();
    const why = new RegExp(`^Redis at 127\\.0\\.0\\.1:${redis.port} unreachable$`);
    await refusesNewKeepsRunning(platform, call, why, 'join');
  }, 60_000);

  it('PostgreSQL lost: no new calls, /healthz says why, the call under way goes on', async () => {
    const redis = await startRedis();
    cleanups.push(() => redis.stop());
    const postgres = await startPostgres();
    const databaseUrl = await postgres.createDatabase();
    const platform = await startTestPlatform({ redisUrl: redis.url, databaseUrl, dataKey: randomBytes(32) });
    cleanups.push(() => platform.close());
    const call = await callUnderWay(platform);
    await postgres.stop();
    await refusesNewKeepsRunning(platform, call, /^PostgreSQL at 127\.0\.0\.1:\d+\/\w+ unreachable$/, 'ticket');
  }, 90_000);
});
