import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHttpServer, listen } from '../../http/http-server';
import { openRecordsService } from './records-service';

describe('records service', () => {
  it('keeps its records in the data dir across restarts', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'records-service-'));
    const options = { dataDir, verifyKiosk: () => 'k1', isDoctor: () => false };
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
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lets the FHIR export be read by a doctor session or a live export token, never over HTTP Basic', async () => {
    let now = Date.parse('2026-03-02T10:00:00Z');
    const records = openRecordsService({
      dataDir: null,
      verifyKiosk: () => null,
      isDoctor: (headers) => headers.authorization === 'Bearer doctor-session',
      now: () => now,
    });
    const app = await createHttpServer({ name: 'test:records-service' });
    records.register(app);
    const url = await listen(app, 0);
    const status = async (authorization: string) =>
      (await fetch(`${url}/api/records/sessions/${crypto.randomUUID()}/fhir`, { headers: { authorization } })).status;
    // 404: let in, and no such consultation; 401: refused before the route runs.
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
});
