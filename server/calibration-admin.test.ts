import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { calibrationsDue } from '../common/calibration/register-csv';
import { sampleCalibration } from '../common/records/testing/samples';
import { runAdmin } from './admin';
import { recordsDatabaseFile } from './records/records-database';
import { SqliteRecordsRepository } from './records/sqlite-records-repository';

/** A platform data folder whose records hold `checks`, as the kiosks synced them. */
async function platformWith(checks: ReturnType<typeof sampleCalibration>[]) {
  const dir = join(mkdtempSync(join(tmpdir(), 'calibration-admin-')), 'data');
  mkdirSync(dir, { mode: 0o700 });
  const key = randomBytes(32);
  const repository = new SqliteRecordsRepository(recordsDatabaseFile(dir, key));
  for (const c of checks)
    await repository.storeBatch(c.kioskId, [{ id: c.id, sessionId: null, kind: 'calibration', payload: c }]);
  await repository.close();
  return { dir, env: { PLATFORM_DATA_KEY: key.toString('base64') } };
}

const DAY = 86_400_000;
const NOW = Date.parse('2027-10-20T12:00:00Z');
const at = (days: number) => new Date(NOW + days * DAY).toISOString();

describe('admin calibrations', () => {
  it('register: the synced register as CSV, one line per check, per kiosk or device', async () => {
    const first = sampleCalibration({ performedAt: '2026-11-05T10:00:00.000Z', technician: 'Camille, "Cam"' });
    const second = sampleCalibration({ deviceId: 'bp-2', performedAt: '2026-12-01T10:00:00.000Z' });
    const other = sampleCalibration({ kioskId: 'kiosk-two' });
    const { dir, env } = await platformWith([second, first, other]);
    const csv = await runAdmin(['calibrations', 'register', '--kiosk', 'kiosk-one', '--data-dir', dir], env);
    const lines = csv.split('\r\n');
    expect(lines[0]).toMatch(/^performed_at,kiosk_id,device_id,model,serial_number,method,result,valid_until,/);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(
      `2026-11-05T10:00:00.000Z,kiosk-one,bp-1,omron-hem7322u,SN-BP-0001,static-pressure,passed`,
    );
    // A comma and quotes in a name stay one cell.
    expect(lines[1]).toContain('"Camille, ""Cam"""');
    expect(lines[1]).toContain('100 mmHg: 100 -> 101 (1, ±3) PASS');
    expect(lines[2]).toContain(',bp-2,');
    const one = await runAdmin(
      ['calibrations', 'register', '--kiosk', 'kiosk-one', '--device', 'bp-2', '--data-dir', dir],
      env,
    );
    expect(one.split('\r\n')).toHaveLength(2);
  });

  it('due: the fleet by newest check — out of service, overdue, due within 30 days, then valid', async () => {
    const check = (kioskId: string, deviceId: string, validIn: number | null, performed = -300) =>
      sampleCalibration({
        kioskId,
        deviceId,
        performedAt: at(performed),
        result: validIn === null ? 'failed' : 'passed',
        validUntil: validIn === null ? null : at(validIn),
      });
    const checks = [
      check('kiosk-one', 'bp-1', 200),
      check('kiosk-one', 'thermometer-1', 12),
      check('kiosk-two', 'bp-1', -3),
      check('kiosk-two', 'oximeter-1', 400, -400),
      check('kiosk-two', 'oximeter-1', null, -10),
      check('kiosk-three', 'bp-1', 31),
    ];
    expect(calibrationsDue(checks, NOW).map((d) => [d.kioskId, d.deviceId, d.state])).toEqual([
      ['kiosk-two', 'oximeter-1', 'out-of-service'],
      ['kiosk-two', 'bp-1', 'overdue'],
      ['kiosk-one', 'thermometer-1', 'due-soon'],
      ['kiosk-three', 'bp-1', 'valid'],
      ['kiosk-one', 'bp-1', 'valid'],
    ]);
    const { dir, env } = await platformWith(checks);
    const out = await runAdmin(['calibrations', 'due', '--json', '--data-dir', dir], env);
    // Against the host's own clock: whatever the date, the failed oximeter is out of service.
    expect(out.split('\n').map((l) => (JSON.parse(l) as { state: string }).state)).toContain('out-of-service');
    await expect(runAdmin(['calibrations', 'due', '--days', '0', '--data-dir', dir], env)).rejects.toThrow(/--days/);
    await expect(runAdmin(['calibrations', 'what', '--data-dir', dir], env)).rejects.toThrow(/calibrations register/);
  });
});
