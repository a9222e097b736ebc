import { CONSENT_TEXT_SHA256_URL } from '../../common/fhir/codes';
import { SAMPLE_CONSENT } from '../../common/records/testing/samples';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHttpServer, listen } from '../../http/http-server';
import { memoryReadGate } from '../access/testing/memory-read-gate';
import { IN_MEMORY_RECORDS } from './records-database';
import { openRecordsService } from './records-service';

const DOCTOR = { id: 'd-1', name: 'Dr A', rpps: '10000000001' };

describe('records service', () => {
  it('keeps its records in the encrypted database across restarts', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'records-service-'));
    const { reads } = memoryReadGate(() => null);
    const options = {
      database: { file: join(dataDir, 'records.sqlite'), key: randomBytes(32) },
      verifyKiosk: () => 'k1',
      reads,
    };
    const first = openRecordsService(options);
    const sessionId = crypto.randomUUID();
    await first.repository.storeBatch('k1', [
      {
        id: crypto.randomUUID(),
        sessionId,
        kind: 'session-opened',
        payload: { kioskId: 'k1', startedAt: '2026-03-02T09:00:00.000Z' },
      },
    ]);
    await first.close();
    const second = openRecordsService(options);
    expect(await second.repository.consultation(sessionId)).toMatchObject({
      kioskId: 'k1',
      startedAt: '2026-03-02T09:00:00.000Z',
    });
    await second.close();
    expect(() => openRecordsService({ ...options, database: { ...options.database, key: randomBytes(32) } })).toThrow(
      /data key does not open .*records\.sqlite/,
    );
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lets the FHIR export be read by a doctor session or a live export token, never over HTTP Basic', async () => {
    let now = Date.parse('2026-03-02T10:00:00Z');
    let records: ReturnType<typeof openRecordsService> | null = null;
    const { reads, access } = memoryReadGate((headers) => {
      if (headers.authorization === 'Bearer doctor-session') return { kind: 'doctor', doctor: DOCTOR };
      const id = records!.exportTokens.holder(headers.authorization, 'fhir-export');
      return id ? { kind: 'export-token', id } : null;
    });
    records = openRecordsService({ database: IN_MEMORY_RECORDS, verifyKiosk: () => null, reads, now: () => now });
    const app = await createHttpServer({ name: 'test:records-service' });
    records.register(app);
    const url = await listen(app, 0);
    const sessionId = crypto.randomUUID();
    await access.recordParticipation({ consultationId: 'c-1', sessionId, kioskId: 'k1', doctorId: DOCTOR.id, at: 0 });
    const status = async (authorization: string) =>
      (await fetch(`${url}/api/records/sessions/${sessionId}/fhir`, { headers: { authorization } })).status;
    // 404: let in, and no such consultation stored yet; 401: refused before the route runs.
    expect(await status('Bearer doctor-session')).toBe(404);
    expect(await status(`Basic ${Buffer.from('dr.martin@kiosk.test:consultation-dev').toString('base64')}`)).toBe(401);
    const { id, token } = records.exportTokens.create({ scope: 'fhir-export', days: 1, label: 'test' });
    expect(await status(`Bearer ${token}`)).toBe(404);
    expect(await status(`Bearer ${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).toBe(401);
    now += 24 * 60 * 60 * 1000;
    expect(await status(`Bearer ${token}`)).toBe(401);
    const second = records.exportTokens.create({ scope: 'fhir-export', days: 1, label: 'test' });
    expect(await status(`Bearer ${second.token}`)).toBe(404);
    expect(records.exportTokens.revoke(second.id)).toBe(true);
    expect(await status(`Bearer ${second.token}`)).toBe(401);
    expect(records.exportTokens.revoke(id)).toBe(true);
    expect(() => records.exportTokens.create({ scope: 'fhir-export', days: 91, label: 'x' })).toThrow(/--days/);
    await app.close();
    await records.close();
  });

  it('exports the consents the kiosk synced, one per use, each with the hash of the text shown', async () => {
    const { reads, access } = memoryReadGate((headers) =>
      headers.authorization === 'Bearer doctor-session' ? { kind: 'doctor', doctor: DOCTOR } : null,
    );
    const records = openRecordsService({ database: IN_MEMORY_RECORDS, verifyKiosk: () => null, reads });
    const app = await createHttpServer({ name: 'test:records-consents' });
    records.register(app);
    const url = await listen(app, 0);
    const sessionId = crypto.randomUUID();
    await access.recordParticipation({ consultationId: 'c-1', sessionId, kioskId: 'k1', doctorId: DOCTOR.id, at: 0 });
    const textSha256 = 'ab'.repeat(32);
    const answer = { ...SAMPLE_CONSENT, secondaryUse: true, language: 'fr' as const, textSha256 };
    await records.repository.storeBatch('k1', [
      {
        id: crypto.randomUUID(),
        sessionId,
        kind: 'session-opened',
        payload: { kioskId: 'k1', startedAt: SAMPLE_CONSENT.at },
      },
      { id: crypto.randomUUID(), sessionId, kind: 'consent', payload: answer },
    ]);
    const bundle = (await (
      await fetch(`${url}/api/records/sessions/${sessionId}/fhir`, {
        headers: { authorization: 'Bearer doctor-session' },
      })
    ).json()) as {
      entry: { resource: { resourceType: string; extension?: { url: string; valueString?: string }[] } }[];
    };
    const consents = bundle.entry.map((e) => e.resource).filter((r) => r.resourceType === 'Consent');
    expect(consents).toHaveLength(2);
    for (const consent of consents)
      expect(consent.extension?.find((x) => x.url === CONSENT_TEXT_SHA256_URL)?.valueString).toBe(textSha256);
    await app.close();
    await records.close();
  });
});
