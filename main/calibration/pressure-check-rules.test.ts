import { describe, expect, it } from 'vitest';
import { BLOOD_PRESSURE_CALIBRATION as P } from '../../drivers/catalogue/calibration-procedures';
import { checkLeakStart, checkReference, evaluateLeak } from './pressure-check-rules';

const REFERENCE = {
  instrument: 'Manomètre',
  serialNumber: 'R-1',
  certificateNumber: 'C-1',
  certificateValidUntil: '2026-06-30',
};

describe('the reference and leak-test rules', () => {
  it('refuse a reference whose own certificate has run out, accept it on its last day', () => {
    expect(checkReference(REFERENCE, '2026-06-30')).toBeNull();
    expect(checkReference(REFERENCE, '2026-07-01')).toMatchObject({ code: 'reference-expired' });
  });

  it('pass a leak of at most 6 mmHg a minute, pro rata for the time held', () => {
    expect(evaluateLeak(P, 250, 244, 60_000)).toMatchObject({ dropMmHg: 6, maxDropMmHg: 6, passed: true });
    expect(evaluateLeak(P, 250, 243, 60_000)).toMatchObject({ dropMmHg: 7, passed: false });
    // Held two minutes: twice the drop is allowed, not more per minute.
    expect(evaluateLeak(P, 250, 238, 120_000)).toMatchObject({ heldSeconds: 120, maxDropMmHg: 12, passed: true });
    expect(evaluateLeak(P, 250, 237, 120_000)).toMatchObject({ passed: false });
  });

  it('refuse a hold that gained pressure or did not start at the test pressure', () => {
    expect(evaluateLeak(P, 248, 250, 60_000)).toMatchObject({ code: 'implausible-leak' });
    expect(checkLeakStart(P, 250)).toBeNull();
    expect(checkLeakStart(P, 25)).toMatchObject({ code: 'implausible-leak' });
  });
});
