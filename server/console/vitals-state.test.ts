import { describe, expect, it } from 'vitest';
import { Measurement } from '../../common/devices/measurement';
import type { VitalsMessage } from '../../common/signaling/vitals';
import { ALL_DEVICES, bloodPressure, device, oximetry, temperature } from './vitals-fixtures';
import { applyVitals, deviceFor, emptyVitals, isUnavailable, PLETH_WINDOW } from './vitals-state';

const pleth = (seq: number, samples: number[]): VitalsMessage => ({
  type: 'pleth',
  sentAt: 0,
  seq,
  chunk: { deviceId: 'ox1', rateHz: 75, startedAt: 0, samples },
});

describe('vitals state', () => {
  it('fixtures match the shared schemas', () => {
    for (const m of [oximetry(), temperature(), bloodPressure()]) expect(Measurement.safeParse(m).success).toBe(true);
  });

  it('keeps the last pleth window and drops out-of-order chunks of the lossy channel', () => {
    let s = emptyVitals(ALL_DEVICES);
    s = applyVitals(s, pleth(1, [10, 20]));
    s = applyVitals(s, pleth(3, [30]));
    const afterLate = applyVitals(s, pleth(2, [99]));
    expect(afterLate).toBe(s);
    expect(s.pleth).toEqual([10, 20, 30]);
    s = applyVitals(
      s,
      pleth(
        4,
        Array.from({ length: PLETH_WINDOW }, () => 50),
      ),
    );
    expect(s.pleth).toHaveLength(PLETH_WINDOW);
    expect(s.pleth[0]).toBe(50);
    expect(s.plethCount).toBe(3 + PLETH_WINDOW);
  });

  it('records measurements, failures (cleared by the next measurement) and device changes', () => {
    let s = emptyVitals([], [temperature()]);
    expect(s.recorded.temperature).toBeDefined();
    s = applyVitals(s, { type: 'measurement-failed', sentAt: 0, seq: 0, kind: 'oximetry', failure: 'finger-out' });
    expect(s.failed.oximetry).toBe('finger-out');
    s = applyVitals(s, { type: 'measurement', sentAt: 0, seq: 1, measurement: oximetry() });
    expect(s.failed.oximetry).toBeUndefined();
    expect(s.recorded.oximetry).toMatchObject({ spo2: 97 });
    expect(isUnavailable(deviceFor(s, 'oximetry'))).toBe(true);
    s = applyVitals(s, { type: 'devices', sentAt: 0, seq: 2, devices: [device({})] });
    expect(isUnavailable(deviceFor(s, 'oximetry'))).toBe(false);
    expect(isUnavailable(device({ calibration: 'expired' }))).toBe(true);
    expect(isUnavailable(device({ state: 'disconnected' }))).toBe(true);
  });
});
