import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SocketLike } from '../../common/net/socket-connection';
import type { PharmacyBoard } from '../../common/pharmacy/cabins';
import { PLATFORM_API, type Fleet } from '../../common/signaling/fleet';
import { PharmacistMethods, PlatformToPharmacist, type PharmacistEvent } from '../../common/signaling/messages';
import { SignalingClient } from '../../common/signaling/signaling-client';
import { runAdmin } from '../admin';
import { DEV_DOCTOR } from '../auth/doctor-accounts';
import type { Platform } from '../platform';
import { requireMediasoupWorker } from '../testing/mediasoup-stack';
import { requirePostgres } from '../testing/postgres-instance';
import { wsUrl } from '../testing/signal-clients';
import { startTestPlatform } from '../testing/test-platform';

/**
 * The fleet shared by two platform nodes on one PostgreSQL (issue 15), each reached directly (as
 * HAProxy may send a kiosk to one and a portal to the other): the pharmacies.json of node A's data
 * folder is imported at its start and used through node B; a pharmacy the admin command adds on
 * node A's host shows on node B's portal; a heartbeat received by node A shows in node B's portal
 * board and fleet view.
 */
const mediasoup = await requireMediasoupWorker();
const postgres = await requirePostgres();

const root = mkdtempSync(join(tmpdir(), 'shared-fleet-pg-'));
const key = randomBytes(32);
const PASSWORD = 'comptoir-partage';
let nodeA: Platform;
let nodeB: Platform;
let url: string;

async function startNode(name: string, files: Record<string, unknown> = {}): Promise<Platform> {
  const dataDir = join(root, name);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  for (const [file, content] of Object.entries(files)) writeFileSync(join(dataDir, file), JSON.stringify(content));
  if (name !== 'node-a') copyFileSync(join(root, 'node-a', 'platform-secret'), join(dataDir, 'platform-secret'));
  return startTestPlatform({ dataDir, dataKey: key, databaseUrl: url });
}

beforeAll(async () => {
  if (postgres.missing || mediasoup.missing) return;
  url = await postgres.value.createDatabase();
  const legacy = { pharmacies: [{ id: 'pharmacie-ancienne', name: 'Pharmacie ancienne', kiosks: [] }] };
  nodeA = await startNode('node-a', { 'pharmacies.json': legacy });
  nodeB = await startNode('node-b');
});
afterAll(async () => {
  await nodeA?.close();
  await nodeB?.close();
  if (!postgres.missing) await postgres.value.stop();
});

const admin = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  runAdmin([...args, '--data-dir', join(root, 'node-a')], {
    PLATFORM_DATA_KEY: key.toString('base64'),
    PLATFORM_DATABASE_URL: url,
    ...env,
  });

async function portal(node: Platform) {
  const client = new SignalingClient({
    url: wsUrl(node),
    methods: PharmacistMethods,
    incoming: PlatformToPharmacist,
    createSocket: (to) => new WebSocket(to) as unknown as SocketLike,
  });
  const boards: PharmacyBoard[] = [];
  client.on((event: PharmacistEvent) => void (event.type === 'board' && boards.push(event.board)));
  await client.opened;
  return { client, boards };
}

const describeBoth = postgres.missing ? postgres.describe : mediasoup.describe;

describeBoth('the fleet shared by two nodes on PostgreSQL', () => {
  it('shows on node B the pharmacy added on node A and the heartbeat node A received', async () => {
    expect(existsSync(join(root, 'node-a', 'pharmacies.json.imported'))).toBe(true);
    // The pharmacy, its kiosk and its pharmacist, written by the admin command on node A's host.
    await admin(['add-pharmacy', 'pharmacie-centrale', '--name', 'Pharmacie centrale', '--town', 'Lyon']);
    await admin(['assign-kiosk', 'kiosk-shared-1', '--pharmacy', 'pharmacie-centrale', '--label', 'Cabine 1']);
    await admin(
      ['add-pharmacist', '--email', 'camille@centrale.fr', '--name', 'Camille', '--pharmacy', 'pharmacie-centrale'],
      {
        PLATFORM_PHARMACIST_PASSWORD: PASSWORD,
      },
    );
    // pharmacies.json's pharmacy, imported by node A's start, is there for the admin command too.
    await expect(admin(['assign-kiosk', 'kiosk-old-1', '--pharmacy', 'pharmacie-ancienne'])).resolves.toMatch(
      /belongs to pharmacie-ancienne/,
    );

    // The pharmacist's portal on node B: the cabin shows (within node B's directory poll).
    const { client, boards } = await portal(nodeB);
    await client.request('pharmacist-sign-in', { email: 'camille@centrale.fr', password: PASSWORD });
    await expect
      .poll(async () => (await client.request('subscribe-board', {})).cabins.map((c) => [c.label, c.lastSeen]), {
        timeout: 10_000,
        interval: 250,
      })
      .toEqual([['Cabine 1', null]]);

    // The kiosk beats through node A only; node B's board and fleet view show it.
    const credential = nodeA.kioskCredentials.issue('kiosk-shared-1');
    const beat = await fetch(`${nodeA.url}${PLATFORM_API.heartbeat}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json' },
      body: JSON.stringify({ version: '2.0.0', uptimeSeconds: 5, devices: [], inSession: false }),
    });
    expect(beat.status).toBe(200);
    await expect.poll(() => boards.at(-1)?.cabins[0]?.lastSeen ?? null, { timeout: 10_000 }).not.toBeNull();
    expect(boards.at(-1)?.cabins[0]).toMatchObject({ kioskId: 'kiosk-shared-1', state: 'free' });
    client.close();

    const signIn = await fetch(`${nodeB.url}${PLATFORM_API.doctorSignIn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: DEV_DOCTOR.email, password: DEV_DOCTOR.password }),
    });
    const { token } = (await signIn.json()) as { token: string };
    const fleet = await fetch(`${nodeB.url}${PLATFORM_API.fleet}`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await fleet.json()) as Fleet).kiosks).toEqual([
      expect.objectContaining({ kioskId: 'kiosk-shared-1', version: '2.0.0', online: true }),
    ]);
  });
});
