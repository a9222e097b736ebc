import { afterEach, describe, expect, it } from 'vitest';
import { calibrationVerifyUrl } from '../../common/calibration/verify-url';
import { sampleCalibration } from '../../common/records/testing/samples';
import { createHttpServer, listen, type HttpApp } from '../../http/http-server';
import { IN_MEMORY_RECORDS } from '../records/records-database';
import { SqliteRecordsRepository } from '../records/sqlite-records-repository';
import { registerCalibrationVerifyRoute } from './calibration-routes';

let app: HttpApp | undefined;
let repository: SqliteRecordsRepository | undefined;
afterEach(async () => {
  await app?.close();
  await repository?.close();
});

async function platform() {
  repository = new SqliteRecordsRepository(IN_MEMORY_RECORDS);
  app = await createHttpServer({ name: 'test:calibration-verify' });
  registerCalibrationVerifyRoute(app, { records: repository });
  return { url: await listen(app, 0), repository };
}

describe('GET /verify/calibration/<number> (the certificate’s QR code)', () => {
  it('confirms a synced check from the register, with its device, points and result', async () => {
    const { url, repository } = await platform();
    const check = sampleCalibration({ result: 'failed', validUntil: null });
    await repository.storeBatch('kiosk-one', [{ id: check.id, sessionId: null, kind: 'calibration', payload: check }]);
    const link = calibrationVerifyUrl(`${url.replace('http', 'ws')}/`, check);
    expect(link).toBe(`${url}/verify/calibration/${check.certificateNumber}?t=${check.id}`);
    const res = await fetch(link);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      valid: true,
      certificateNumber: check.certificateNumber,
      kioskId: 'kiosk-one',
      device: { serialNumber: 'SN-BP-0001', model: 'omron-hem7322u' },
      result: 'failed',
      validUntil: null,
      points: check.points,
      leakTest: check.leakTest,
    });
    expect(JSON.stringify(body)).not.toContain(check.technician);
  });

  it('answers {"valid":false} alike for a wrong token, no token, an unknown or malformed number', async () => {
    const { url, repository } = await platform();
    const check = sampleCalibration();
    await repository.storeBatch('kiosk-one', [{ id: check.id, sessionId: null, kind: 'calibration', payload: check }]);
    const other = sampleCalibration();
    for (const path of [
      `/verify/calibration/${check.certificateNumber}?t=${other.id}`,
      `/verify/calibration/${check.certificateNumber}`,
      `/verify/calibration/${other.certificateNumber}?t=${other.id}`,
      `/verify/calibration/not-a-number?t=${check.id}`,
    ]) {
      const res = await fetch(`${url}${path}`);
      expect(res.status, path).toBe(404);
      expect(await res.json(), path).toEqual({ valid: false });
    }
  });
});
