import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { oximetry, SAMPLE_IDENTITY, noteOf } from '../../common/records/testing/samples';
import type { RecordItem } from '../../common/records/wire';
import { runAdmin } from '../admin';
import { DEV_DOCTOR } from '../auth/doctor-accounts';
import type { Platform } from '../platform';
import { requireMediasoupWorker } from '../testing/mediasoup-stack';
import { connectDoctor, joinQueue, type DoctorClient } from '../testing/signal-clients';
import { startTestPlatform } from '../testing/test-platform';

const mediasoup = await requireMediasoupWorker();

const DOCTOR_B = {
  email: 'dr.bernard@kiosk.test',
  password: 'second-doctor',
  name: 'Dr Paul Bernard',
  rpps: '10000000002',
};
const DOCTOR_C = { email: 'dr.colin@kiosk.test', password: 'third-doctor', name: 'Dr Anne Colin', rpps: '10000000003' };
const NOTE = 'Toux sèche, pas de signe de gravité; revoir si fièvre';
const DRUG = 'Dextrométhorphane sirop';

const dataDir = join(mkdtempSync(join(tmpdir(), 'access-control-')), 'data');
const key = randomBytes(32);
let platform: Platform;

beforeAll(async () => {
  mkdirSync(dataDir, { mode: 0o700 });
  // The proxy on loopback is trusted: its X-Forwarded-For is the address the log keeps.
  platform = await startTestPlatform({ dataDir, dataKey: key, trustProxy: ['127.0.0.1'] });
  await platform.accounts.upsert(DOCTOR_B);
  await platform.accounts.upsert(DOCTOR_C);
});
afterAll(async () => platform?.close());

async function sessionToken(doctor: DoctorClient, account: { email: string; password: string }) {
  const { token } = await doctor.request('sign-in', { email: account.email, password: account.password });
  return token;
}

const get = (path: string, token: string, headers: Record<string, string> = {}) =>
  fetch(`${platform.url}${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } });

/** The kiosk's sync of one session: opened, identity, one reading (as main/sync posts it). */
async function syncRecords(credential: string, sessionId: string, kioskId: string) {
  const reading = oximetry();
  const items: RecordItem[] = [
    {
      id: randomUUID(),
      sessionId,
      kind: 'session-opened',
      payload: { kioskId, startedAt: '2026-03-02T09:00:00.000Z' },
    },
    { id: randomUUID(), sessionId, kind: 'identity', payload: SAMPLE_IDENTITY },
    { id: reading.id, sessionId, kind: 'measurement', payload: reading },
  ];
  const res = await fetch(`${platform.url}/api/records/batch`, {
    method: 'POST',
    headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json' },
    body: JSON.stringify({ items }),
  });
  expect(res.status).toBe(200);
  return reading;
}

mediasoup.describe('access control and audit on the platform', () => {
  it("refuses doctor B doctor A's patient until A shares it, logs every attempt, and keeps it all encrypted", async () => {
    const kioskId = 'kiosk-access';
    const sessionId = randomUUID();
    const doctorA = await connectDoctor(platform, null);
    const tokenA = await sessionToken(doctorA, DEV_DOCTOR);
    const doctorB = await connectDoctor(platform, null);
    const tokenB = await sessionToken(doctorB, DOCTOR_B);
    const doctorC = await connectDoctor(platform, null);
    const tokenC = await sessionToken(doctorC, DOCTOR_C);
    const idA = (await platform.accounts.verify(DEV_DOCTOR.email, DEV_DOCTOR.password))!.id;
    const idB = (await platform.accounts.verify(DOCTOR_B.email, DOCTOR_B.password))!.id;

    // The patient queues, doctor A takes and ends the call with a note and a prescription.
    const { kiosk, joined, ticket } = await joinQueue(platform, kioskId, sessionId);
    const reading = await syncRecords(ticket.credential, sessionId, kioskId);
    const consultationId = joined.consultationId;
    await doctorA.request('accept', { consultationId });
    const { report } = await doctorA.request('end-call', {
      consultationId,
      note: noteOf(NOTE),
      prescription: { lines: [{ item: DRUG, dosage: '10 ml le soir', duration: '5 jours', notes: '' }] },
    });
    const number = report.prescription!.number;
    await kiosk.events.next('call-ended');

    const fhir = `/api/records/sessions/${sessionId}/fhir`;
    const reportPath = `/api/consultations/${consultationId}/report`;
    const pdf = `/api/prescriptions/${number}.pdf`;

    // A reads what A took part in.
    const bundle = await get(fhir, tokenA);
    expect(bundle.status).toBe(200);
    expect(JSON.stringify(await bundle.json())).toContain(SAMPLE_IDENTITY.nir);
    expect(await (await get(reportPath, tokenA)).json()).toMatchObject({ note: noteOf(NOTE), consultationId });
    expect((await get(pdf, tokenA)).status).toBe(200);

    // B did not: 403 with a plain reason, for the record, the report and the prescription alike.
    const refused = await get(fhir, tokenB, { 'x-forwarded-for': '203.0.113.9' });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({
      error: 'not-a-participant',
      message: 'you did not take part in this consultation, and no doctor who did has shared it with you',
    });
    expect((await get(reportPath, tokenB)).status).toBe(403);
    expect((await get(pdf, tokenB)).status).toBe(403);
    // B cannot share what B did not take part in; A shares with B, who then reads it.
    const share = (token: string, email: string) =>
      fetch(`${platform.url}/api/consultations/${consultationId}/shares`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ email }),
      });
    expect((await share(tokenB, DOCTOR_C.email)).status).toBe(403);
    const shared = await share(tokenA, DOCTOR_B.email);
    expect(shared.status).toBe(201);
    expect(await shared.json()).toMatchObject({ consultationId, doctor: { id: idB }, sharedBy: idA });
    expect((await share(tokenA, DOCTOR_B.email)).status).toBe(200);
    expect((await share(tokenA, 'nobody@kiosk.test')).status).toBe(404);
    expect((await get(fhir, tokenB)).status).toBe(200);
    expect((await get(reportPath, tokenB)).status).toBe(200);
    // A share is not passed on: B cannot share it with C, and C still cannot read it.
    expect((await share(tokenB, DOCTOR_C.email)).status).toBe(403);
    expect((await get(fhir, tokenC)).status).toBe(403);

    // The access log: B's refused read from the proxied client's address, A's reads, the accept.
    const log = await platform.accessLog.query({ consultationId });
    const line = (e: (typeof log)[number]) =>
      `${e.actor.kind === 'doctor' ? (e.actor.id === idA ? 'A' : e.actor.id === idB ? 'B' : 'C') : e.actor.kind} ${e.action} ${e.resource} ${e.outcome}${e.reason ? ` ${e.reason}` : ''}`;
    expect(log.map(line)).toEqual([
      'A read consultation allowed',
      'A read fhir-export allowed',
      'A read report allowed',
      'A read prescription allowed',
      'B read fhir-export refused not-a-participant',
      'B read report refused not-a-participant',
      'B read prescription refused not-a-participant',
      'B share share refused not-a-participant',
      'A share share allowed',
      'A share share allowed',
      'A share share refused unknown-colleague',
      'B read fhir-export allowed',
      'B read report allowed',
      'B share share refused not-a-participant',
      'C read fhir-export refused not-a-participant',
    ]);
    const bRefused = log[4]!;
    expect(bRefused).toMatchObject({ resourceId: sessionId, remoteAddress: '203.0.113.9' });
    expect(log[1]).toMatchObject({ resourceId: sessionId, remoteAddress: '127.0.0.1' });
    // No health data in the log: ids, codes and addresses only.
    const serialized = JSON.stringify(await platform.accessLog.query());
    for (const value of [SAMPLE_IDENTITY.nir, SAMPLE_IDENTITY.lastName, NOTE, DRUG])
      expect(serialized).not.toContain(value);
    expect(await platform.accessLog.verify()).toMatchObject({ ok: true });

    // The admin command finds B's attempts while the platform runs, by B's e-mail.
    const env = { PLATFORM_DATA_KEY: key.toString('base64') };
    const byB = await runAdmin(['access-log', 'query', '--doctor', DOCTOR_B.email, '--data-dir', dataDir], env);
    expect(byB).toContain(
      `doctor:${idB} read fhir-export ${sessionId} consultation ${consultationId} refused (not-a-participant) from 203.0.113.9`,
    );
    expect(await runAdmin(['access-log', 'verify', '--data-dir', dataDir], env)).toMatch(/^access log intact/);

    for (const client of [doctorA, doctorB, doctorC, kiosk]) client.close();

    // On disk: the database, its WAL and shared memory hold none of the known values in clear.
    const file = join(dataDir, 'records.sqlite');
    const bytes = [file, `${file}-wal`, `${file}-shm`].filter(existsSync).map((f) => readFileSync(f));
    expect(bytes.length).toBeGreaterThan(0);
    const needles = [SAMPLE_IDENTITY.nir, SAMPLE_IDENTITY.lastName, reading.id, NOTE, DRUG, number, 'SQLite format 3'];
    for (const content of bytes)
      for (const needle of needles) {
        expect(content.includes(Buffer.from(needle, 'utf8')), `"${needle}" in clear`).toBe(false);
        expect(content.includes(Buffer.from(needle, 'utf16le')), `"${needle}" in clear (UTF-16)`).toBe(false);
      }
    // Nothing of the reports or prescriptions is written beside the database any more.
    expect(existsSync(join(dataDir, 'consultation-reports.jsonl'))).toBe(false);
    expect(existsSync(join(dataDir, 'prescription-sequence.jsonl'))).toBe(false);
  });
});
