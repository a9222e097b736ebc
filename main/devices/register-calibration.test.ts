import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../common/util/testing/manual-clock';
import { InMemoryCalibration } from './calibration';
import { RegisterCalibration, type CalibrationSource } from './register-calibration';

const check = (performedAt: string, validUntil: string | null, result: 'passed' | 'failed') => ({
  performedAt,
  validUntil,
  result,
});

describe('RegisterCalibration', () => {
  it('takes the newest check: valid, expired once past validUntil, failed, unknown without checks', () => {
    const clock = new ManualClock(Date.parse('2026-03-02T09:00:00Z'));
    const checks: Record<string, ReturnType<typeof check>[]> = {
      ok: [
        check('2025-01-01T00:00:00Z', '2025-06-01T00:00:00Z', 'failed'),
        check('2026-01-01T00:00:00Z', '2026-03-03T00:00:00Z', 'passed'),
      ],
      failed: [check('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z', 'failed')],
      open: [check('2026-01-01T00:00:00Z', null, 'passed')],
    };
    const source: CalibrationSource = { listCalibrations: (id) => checks[id] ?? [] };
    const calibration = new RegisterCalibration(source, clock);
    expect(calibration.stateOf('ok')).toBe('valid');
    expect(calibration.stateOf('failed')).toBe('failed');
    expect(calibration.stateOf('open')).toBe('valid');
    expect(calibration.stateOf('none')).toBe('unknown');
    clock.advance(24 * 3600 * 1000);
    expect(calibration.stateOf('ok')).toBe('expired');
  });

  it('stamps measurements with the state and flags a blocked calibration', () => {
    const m = {
      id: '6f1c1d7e-2c4b-4b8e-9a53-5b1f3a0f0a01',
      deviceId: 'thermometer-1',
      model: 'welch-allyn-suretemp',
      modelName: 'Welch Allyn SureTemp Plus',
      serialNumber: null,
      takenAt: '2026-03-02T09:00:00.000Z',
      flags: [],
      valid: true,
      calibration: 'unknown',
      kind: 'temperature',
      celsius: 36.9,
      site: null,
    } as const;
    expect(new InMemoryCalibration({ 'thermometer-1': 'valid' }).apply({ ...m, flags: [] })).toMatchObject({
      calibration: 'valid',
      flags: [],
    });
    expect(new InMemoryCalibration({ 'thermometer-1': 'expired' }).apply({ ...m, flags: [] })).toMatchObject({
      calibration: 'expired',
      flags: ['calibration-expired'],
    });
  });
});
