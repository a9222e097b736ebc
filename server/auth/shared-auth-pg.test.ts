import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PLATFORM_API } from '../../common/signaling/fleet';
import { runAdmin } from '../admin';
import type { Platform } from '../platform';
import { requireMediasoupWorker } from '../testing/mediasoup-stack';
import { requirePostgres } from '../testing/postgres-instance';
import { connectDoctor } from '../testing/signal-clients';
import { startTestPlatform } from '../testing/test-platform';
import { SESSION_CACHE_MS } from './bearer-sessions';
import { DEV_DOCTOR } from './doctor-accounts';

/**
 * The failover case: two platform instances on one PostgreSQL (each its own data folder, the same
 * platform secret and data key, as the README's production guide sets nodes up). A doctor signed in
 * through node A's HTTP API is accepted by node B (no new sign-in after a failover); a sign-out on B
 * is refused by A; a kiosk revoked by the admin command is refused by both.
 */
const mediasoup = await requireMediasoupWorker();
const postgres = await requirePostgres();

const root = mkdtempSync(join(tmpdir(), 'shared-auth-pg-'));
const key = randomBytes(32);
const BEAT = { version: '1', uptimeSeconds: 1, devices: [], inSession: false };
let nodeA: Platform;
let nodeB: Platform;
let url: string;

async function startNode(name: string): Promise<Platform> {
  const dataDir = join(root, name);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // The same platform secret on every node (README, "Several nodes"): copied from the first.
  if (name !== 'node-a') copyFileSync(join(root, 'node-a', 'platform-secret'), join(dataDir, 'platform-secret'));
  return startTestPlatform({ dataDir, dataKey: key, databaseUrl: url });
}

beforeAll(async () => {
  if (postgres.missing || mediasoup.missing) return;
  url = await postgres.value.createDatabase();
  nodeA = await startNode('node-a');
  nodeB = await startNode('node-b');
});
afterAll(async () => {
  await nodeA?.close();
  await nodeB?.close();
  if (!postgres.missing) await postgres.value.stop();
});

const fleet = (node: Platform, token: string) =>
  fetch(`${node.url}${PLATFORM_API.fleet}`, { headers: { authorization: `Bearer ${token}` } });
const beat = async (node: Platform, credential: string) => {
  const res = await fetch(`${node.url}${PLATFORM_API.heartbeat}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json' },
    body: JSON.stringify(BEAT),
  });
  return { status: res.status, body: (await res.json()) as { error?: string } };
};

const describeBoth = postgres.missing ? postgres.describe : mediasoup.describe;

describeBoth('doctor sessions and kiosk revocations shared by two nodes on PostgreSQL', () => {
  it('accepts on node B a session made through node A’s HTTP API, until it is signed out on B', async () => {
    const signIn = await fetch(`${nodeA.url}${PLATFORM_API.doctorSignIn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: DEV_DOCTOR.email, password: DEV_DOCTOR.password }),
    });
    expect(signIn.status).toBe(200);
    const { token, doctor } = (await signIn.json()) as { token: string; doctor: { id: string } };
    // One account for both nodes: B seeded nothing of its own, the doctor is the same.
    expect(await nodeB.accounts.verify(DEV_DOCTOR.email, DEV_DOCTOR.password)).toEqual(doctor);
    expect((await fleet(nodeB, token)).status).toBe(200);
    expect((await fleet(nodeB, `${token.slice(0, -2)}xx`)).status).toBe(401);
    // Node A restarts: its sessions were never only in its memory.
    await nodeA.close();
    nodeA = await startNode('node-a');
    expect((await fleet(nodeA, token)).status).toBe(200);
    // The console comes back through node B's signalling with the same token (a failover's resume).
    const console = await connectDoctor(nodeB, null);
    const resumed = await console.request('resume-session', { token });
    expect(resumed.doctor).toEqual(doctor);
    await console.request('sign-out', {});
    console.close();
    // Signed out on B: refused by B at once, and by A once its read of the session (just above) is
    // older than SESSION_CACHE_MS (bearer-sessions.ts); the poll's margin is for a loaded machine.
    expect((await fleet(nodeB, token)).status).toBe(401);
    await expect
      .poll(async () => (await fleet(nodeA, token)).status, { timeout: SESSION_CACHE_MS + 5_000, interval: 250 })
      .toBe(401);
  });

  it('refuses on both nodes a kiosk credential the admin command revoked', async () => {
    const credential = nodeA.kioskCredentials.issue('kiosk-shared-1');
    const other = nodeA.kioskCredentials.issue('kiosk-shared-2');
    expect((await beat(nodeA, credential)).status).toBe(200);
    expect((await beat(nodeB, credential)).status).toBe(200);
    const env = { PLATFORM_DATA_KEY: key.toString('base64'), PLATFORM_DATABASE_URL: url };
    expect(
      await runAdmin(['revoke-kiosk-credential', 'kiosk-shared-1', '--data-dir', join(root, 'node-a')], env),
    ).toMatch(/revoked/);
    for (const node of [nodeA, nodeB]) {
      expect(await beat(node, credential)).toEqual({
        status: 401,
        body: expect.objectContaining({ error: 'credential-revoked' }) as unknown,
      });
      expect((await beat(node, other)).status).toBe(200);
    }
  });
});
