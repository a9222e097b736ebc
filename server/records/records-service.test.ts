import type { IncomingHttpHeaders } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { basicDoctorAuthorizer, openRecordsService } from './records-service';

const request = (authorization?: string): IncomingHttpHeaders => ({ authorization });

describe('records service', () => {
  it('keeps its records in the data dir across restarts', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'records-service-'));
    const options = { dataDir, verifyKiosk: () => 'k1', authorizeRead: () => false };
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

  it('authorises a read with a doctor account over Basic auth only', async () => {
    const authorize = basicDoctorAuthorizer({
      verify: (email, password) => Promise.resolve(email === 'dr@x.test' && password === 'p:w' ? {} : null),
    });
    const basic = (s: string) => `Basic ${Buffer.from(s).toString('base64')}`;
    expect(await authorize(request(basic('dr@x.test:p:w')))).toBe(true);
    expect(await authorize(request(basic('dr@x.test:wrong')))).toBe(false);
    expect(await authorize(request(basic('no-colon')))).toBe(false);
    expect(await authorize(request('Bearer abc'))).toBe(false);
    expect(await authorize(request())).toBe(false);
  });
});
