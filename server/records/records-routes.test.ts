import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { RecordItem, SessionRecordItem } from '../../common/records/wire';
import { SAMPLE_IDENTITY, oximetry, sampleCalibration } from '../../common/records/testing/samples';
import { createHttpServer, listen, type HttpApp } from '../../http/http-server';
import { actorLabel } from '../access/access-entry';
import type { Reader } from '../access/read-gate';
import { memoryReadGate } from '../access/testing/memory-read-gate';
import { IN_MEMORY_RECORDS } from './records-database';
import { RECORDS_BATCH_PATH, registerRecordsRoutes } from './records-routes';
import { SqliteRecordsRepository } from './sqlite-records-repository';

const TOKENS: Record<string, string> = { 'token-k1': 'kiosk-one', 'token-k2': 'kiosk-two' };
let app: HttpApp | undefined;
let repository: SqliteRecordsRepository | undefined;
afterEach(async () => {
  await app?.close();
  await repository?.close();
});

const DOCTOR = { id: 'd-1', name: 'Dr A', rpps: '10000000001' };
/** Readers: `Bearer doctor` is DOCTOR, `Bearer tool` an export token. */
const READERS: Record<string, Reader> = {
  'Bearer doctor': { kind: 'doctor', doctor: DOCTOR },
  'Bearer tool': { kind: 'export-token', id: 'tok-1' },
};

async function platform(maxBodyBytes?: number) {
  repository = new SqliteRecordsRepository(IN_MEMORY_RECORDS);
  const gate = memoryReadGate((headers) => READERS[headers.authorization ?? ''] ?? null);
  app = await createHttpServer({ name: 'test:records' });
  registerRecordsRoutes(app, {
    repository,
    verifyKiosk: (token) => (token === 'token-expired' ? { refusal: 'credential-expired' } : (TOKENS[token] ?? null)),
    reads: gate.reads,
    now: () => Date.parse('2026-03-02T10:00:00Z'),
    maxBodyBytes,
  });
  return { url: await listen(app, 0), repository, gate };
}

const post = (url: string, body: unknown, token = 'token-k1') =>
  fetch(`${url}${RECORDS_BATCH_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

function sessionItems(sessionId = randomUUID()): SessionRecordItem[] {
  return [
    {
      id: randomUUID(),
      sessionId,
      kind: 'session-opened',
      payload: { kioskId: 'kiosk-one', startedAt: '2026-03-02T09:00:00.000Z' },
    },
    { id: randomUUID(), sessionId, kind: 'identity', payload: SAMPLE_IDENTITY },
    ...[oximetry(), oximetry('2026-03-02T09:06:00.000Z', 95, 80)].map((m): SessionRecordItem => ({
      id: m.id,
      sessionId,
      kind: 'measurement',
      payload: m,
    })),
  ];
}

describe('records ingestion', () => {
  it('stores a batch and acknowledges its ids; a replay changes nothing', async () => {
    const { url, repository } = await platform();
    const items = sessionItems();
    const first = await post(url, { items });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ stored: items.map((i) => i.id) });
    const tampered = items.map((i) => (i.kind === 'measurement' ? { ...i, payload: { ...i.payload, spo2: 50 } } : i));
    const replay = await post(url, { items: tampered });
    expect(await replay.json()).toEqual({ stored: items.map((i) => i.id) });
    const consultation = await repository.consultation(items[0]!.sessionId);
    expect(consultation?.identity).toEqual(SAMPLE_IDENTITY);
    expect(consultation?.measurements.map((m) => m.kind === 'oximetry' && m.spo2)).toEqual([97, 95]);
    expect(await repository.measurementIds()).toHaveLength(2);
  });

  it('refuses a request without a valid kiosk credential', async () => {
    const { url, repository } = await platform();
    const response = await post(url, { items: sessionItems() }, 'forged');
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'credential-invalid' });
    const expired = await post(url, { items: sessionItems() }, 'token-expired');
    expect(await expired.json()).toMatchObject({
      error: 'credential-expired',
      message: 'credential expired: ask the operator for a new one',
    });
    expect(await repository.measurementIds()).toEqual([]);
  });

  it('answers a malformed batch with 400 naming the problem, and keeps serving', async () => {
    const { url } = await platform();
    const notJson = await post(url, '{"items": [');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ error: 'invalid-json' });
    const items = sessionItems();
    const bad = [...items.slice(0, 2), { ...items[2]!, payload: { ...items[2]!.payload, spo2: 'high' } }];
    const invalid = await post(url, { items: bad });
    expect(invalid.status).toBe(400);
    const body = (await invalid.json()) as { issues: { path: string }[] };
    expect(body.issues.map((i) => i.path)).toContain('items.2.payload.spo2');
    expect((await post(url, { items: [] })).status).toBe(400);
    expect((await post(url, { nope: 1 })).status).toBe(400);
    expect((await post(url, { items })).status).toBe(200);
  });

  it('refuses a body over the size limit with 413', async () => {
    const { url } = await platform(10_000);
    const response = await post(url, JSON.stringify({ items: [], pad: 'x'.repeat(20_000) }));
    expect(response.status).toBe(413);
  });

  it("refuses writing into another kiosk's session, storing nothing of the batch", async () => {
    const { url, repository } = await platform();
    const items = sessionItems();
    await post(url, { items: items.slice(0, 1) });
    const response = await post(url, { items: items.slice(1) }, 'token-k2');
    expect(response.status).toBe(409);
    expect(await repository.measurementIds()).toEqual([]);
  });
});

describe('calibrations from the kiosks’ registers', () => {
  const calibrationItem = (payload = sampleCalibration()): RecordItem => ({
    id: payload.id,
    sessionId: null,
    kind: 'calibration',
    payload,
  });

  it('stores a check once, beside a session’s items; a replay adds nothing', async () => {
    const { url, repository } = await platform();
    const check = calibrationItem();
    const items = [...sessionItems(), check];
    expect(await (await post(url, { items })).json()).toEqual({ stored: items.map((i) => i.id) });
    expect((await post(url, { items: [check] })).status).toBe(200);
    const stored = await repository.calibrations('kiosk-one');
    expect(stored).toEqual([check.payload]);
    expect(await repository.calibrations('kiosk-two')).toEqual([]);
  });

  it('refuses a check naming another kiosk, and one with a session id', async () => {
    const { url, repository } = await platform();
    const conflict = await post(url, { items: [calibrationItem(sampleCalibration({ kioskId: 'kiosk-two' }))] });
    expect(conflict.status).toBe(409);
    const withSession = await post(url, { items: [{ ...calibrationItem(), sessionId: randomUUID() }] });
    expect(withSession.status).toBe(400);
    expect(await repository.calibrations()).toEqual([]);
  });
});

describe('FHIR export from the platform', () => {
  it('serves the consultation as a Bundle to a doctor of the consultation or an export token only', async () => {
    const { url, gate } = await platform();
    const items = sessionItems();
    await post(url, { items });
    const sessionId = items[0]!.sessionId;
    const path = `${url}/api/records/sessions/${sessionId}/fhir`;
    expect((await fetch(path)).status).toBe(401);
    // Not yet a participant: refused, with the reason.
    const refused = await fetch(path, { headers: { authorization: 'Bearer doctor' } });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: 'not-a-participant', message: /did not take part/ });
    await gate.access.recordParticipation({
      consultationId: 'c-1',
      sessionId,
      kioskId: 'kiosk-one',
      doctorId: DOCTOR.id,
      at: 1,
    });
    const response = await fetch(path, { headers: { authorization: 'Bearer doctor' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/fhir\+json/);
    const bundle = (await response.json()) as {
      resourceType: string;
      timestamp: string;
      entry: { resource: { resourceType: string } }[];
    };
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection', timestamp: '2026-03-02T10:00:00.000Z' });
    expect(bundle.entry.map((e) => e.resource.resourceType)).toEqual([
      'Patient',
      'Device',
      'Observation',
      'Observation',
      'Observation',
      'Observation',
    ]);
    // Another session: refused like another doctor's (nothing tells whether it exists); a tool with an
    // export token is let in, and finds nothing there.
    const other = `${url}/api/records/sessions/${randomUUID()}/fhir`;
    expect((await fetch(other, { headers: { authorization: 'Bearer doctor' } })).status).toBe(403);
    expect((await fetch(other, { headers: { authorization: 'Bearer tool' } })).status).toBe(404);
    expect((await fetch(path, { headers: { authorization: 'Bearer tool' } })).status).toBe(200);
    expect(
      (await gate.accessLog.query()).map((e) => [
        actorLabel(e.actor),
        e.resourceId === sessionId,
        e.consultationId,
        e.outcome,
        e.reason,
      ]),
    ).toEqual([
      ['anonymous', true, null, 'refused', 'unauthenticated'],
      ['doctor:d-1', true, null, 'refused', 'not-a-participant'],
      ['doctor:d-1', true, 'c-1', 'allowed', null],
      ['doctor:d-1', false, null, 'refused', 'not-a-participant'],
      ['export-token:tok-1', false, null, 'allowed', null],
      ['export-token:tok-1', true, 'c-1', 'allowed', null],
    ]);
    expect(
      (await fetch(`${url}/api/records/sessions/%E0%A4%A/fhir`, { headers: { authorization: 'Bearer doctor' } }))
        .status,
    ).toBe(400);
  });
});
