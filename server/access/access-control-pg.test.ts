import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SAMPLE_IDENTITY, noteOf } from '../../common/records/testing/samples';
import type { RecordItem } from '../../common/records/wire';
import { runAdmin } from '../admin';
import { DEV_DOCTOR } from '../auth/doctor-accounts';
import type { Platform } from '../platform';
import { requireMediasoupWorker } from '../testing/mediasoup-stack';
import { requirePostgres } from '../testing/postgres-instance';
import { connectDoctor, joinQueue } from '../testing/signal-clients';
import { startTestPlatform } from '../testing/test-platform';

/**
 * The access control of access-control.test.ts on a platform whose records and access stores are on
 * PostgreSQL (PLATFORM_DATABASE_URL): a second doctor is refused, the refusal is in PostgreSQL's
 * access log, and the admin command reads it there.
 */
const mediasoup = await requireMediasoupWorker();
const postgres = await requirePostgres();

const DOCTOR_B = {
  email: 'dr.bernard@kiosk.test',
  password: 'second-doctor',
  name: 'Dr Paul Bernard',
  rpps: '10000000002',
};
const dataDir = join(mkdtempSync(join(tmpdir(), 'access-control-pg-')), 'data');
const key = randomBytes(32);
let platform: Platform;
let url: string;

beforeAll(async () => {
  if (postgres.missing || mediasoup.missing) return;
  mkdirSync(dataDir, { mode: 0o700 });
  url = await postgres.value.createDatabase();
  platform = await startTestPlatform({ dataDir, dataKey: key, databaseUrl: url, trustProxy: ['127.0.0.1'] });
  await platform.accounts.upsert(DOCTOR_B);
});
afterAll(async () => {
  await platform?.close();
  if (!postgres.missing) await postgres.value.stop();
});

const get = (path: string, token: string, headers: Record<string, string> = {}) =>
  fetch(`${platform.url}${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } });

async function syncIdentity(credential: string, sessionId: string, kioskId: string) {
  const items: RecordItem[] = [
    {
      id: randomUUID(),
      sessionId,
      kind: 'session-opened',
      payload: { kioskId, startedAt: '2026-03-02T09:00:00.000Z' },
    },
    { id: randomUUID(), sessionId, kind: 'identity', payload: SAMPLE_IDENTITY },
  ];
  const res = await fetch(`${platform.url}/api/records/batch`, {
    method: 'POST',
    headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json' },
    body: JSON.stringify({ items }),
  });
  expect(res.status).toBe(200);
}

const describeBoth = postgres.missing ? postgres.describe : mediasoup.describe;

describeBoth('access control and audit with the stores on PostgreSQL', () => {
  it("refuses doctor B doctor A's patient (403), logs it in PostgreSQL, and the admin command finds it", async () => {
    const kioskId = 'kiosk-access-pg';
    const sessionId = randomUUID();
    const doctorA = await connectDoctor(platform, null);
    const { token: tokenA } = await doctorA.request('sign-in', {
      email: DEV_DOCTOR.email,
      password: DEV_DOCTOR.password,
    });
    const doctorB = await connectDoctor(platform, null);
    const { token: tokenB } = await doctorB.request('sign-in', { email: DOCTOR_B.email, password: DOCTOR_B.password });
    const idB = (await platform.accounts.verify(DOCTOR_B.email, DOCTOR_B.password))!.id;

    const { kiosk, joined, ticket } = await joinQueue(platform, kioskId, sessionId);
    await syncIdentity(ticket.credential, sessionId, kioskId);
    const consultationId = joined.consultationId;
    await doctorA.request('accept', { consultationId });
    const { report } = await doctorA.request('end-call', {
      consultationId,
      note: noteOf('Toux'),
      prescription: { lines: [{ item: 'Sirop', dosage: '10 ml', duration: '5 jours', notes: '' }] },
    });
    await kiosk.events.next('call-ended');
    const fhir = `/api/records/sessions/${sessionId}/fhir`;
    const pdf = `/api/prescriptions/${report.prescription!.number}.pdf`;

    expect((await get(fhir, tokenA)).status).toBe(200);
    expect((await get(fhir, tokenB, { 'x-forwarded-for': '203.0.113.9' })).status).toBe(403);
    expect((await get(`/api/consultations/${consultationId}/report`, tokenB)).status).toBe(403);
    expect((await get(pdf, tokenB)).status).toBe(403);

    // In PostgreSQL's own table, as an operator's client reads it.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{
        actor_id: string;
        resource: string;
        outcome: string;
        remote_address: string;
      }>(
        "SELECT actor_id, resource, outcome, remote_address FROM access_log WHERE consultation_id = $1 AND outcome = 'refused' ORDER BY seq",
        [consultationId],
      );
      expect(rows.map((r) => [r.actor_id, r.resource, r.outcome])).toEqual([
        [idB, 'fhir-export', 'refused'],
        [idB, 'report', 'refused'],
        [idB, 'prescription', 'refused'],
      ]);
      expect(rows[0]!.remote_address).toBe('203.0.113.9');
      await expect(client.query('DELETE FROM access_log')).rejects.toThrow(/append-only/);
    } finally {
      await client.end();
    }

    const env = { PLATFORM_DATA_KEY: key.toString('base64'), PLATFORM_DATABASE_URL: url };
    const byB = await runAdmin(['access-log', 'query', '--doctor', DOCTOR_B.email, '--data-dir', dataDir], env);
    expect(byB).toContain(
      `doctor:${idB} read fhir-export ${sessionId} consultation ${consultationId} refused (not-a-participant) from 203.0.113.9`,
    );
    expect(await runAdmin(['access-log', 'verify', '--data-dir', dataDir], env)).toMatch(/^access log intact/);
    // Nothing of it in the SQLite file beside: the command without the URL finds no entry.
    const local = await runAdmin(['access-log', 'query', '--data-dir', dataDir], {
      PLATFORM_DATA_KEY: env.PLATFORM_DATA_KEY,
    });
    expect(local).toBe('no entries');
    for (const c of [doctorA, doctorB, kiosk]) c.close();
  });
});
