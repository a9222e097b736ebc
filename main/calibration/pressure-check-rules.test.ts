import { describe, expect, it } from 'vitest';
import { BLOOD_PRESSURE_CALIBRATION as P } from '../../drivers/catalogue/calibration-procedures';
import { checkLeakStart, checkReference, evaluateLeak, evaluatePoint, overallResult } from './pressure-check-rules';

const REFERENCE = {
  instrument: 'Manomètre',
  serialNumber: 'R-1',
  certificateNumber: 'C-1',
  certificateValidUntil: '2026-06-30',
};

describe('the blood-pressure check rules', () => {
  it('pass a point within ±3 mmHg of the reference, both edges included, and fail beyond', () => {
    expect(evaluatePoint(P, 100, 100, 103)).toMatchObject({ errorMmHg: 3, passed: true });
    expect(evaluatePoint(P, 100, 101, 98)).toMatchObject({ errorMmHg: -3, passed: true });
    expect(evaluatePoint(P, 100, 100, 104)).toMatchObject({ errorMmHg: 4, passed: false });
    expect(evaluatePoint(P, 0, 0, 5)).toEqual({
      nominalMmHg: 0,
      referenceMmHg: 0,
      deviceMmHg: 5,
      errorMmHg: 5,
      toleranceMmHg: 3,
      passed: false,
    });
  });

  it('refuse a reference far from the point aimed at, and a value the display cannot show', () => {
    // 10 for 100: a digit dropped.
    expect(evaluatePoint(P, 100, 10, 100)).toMatchObject({ code: 'implausible-reference' });
    expect(evaluatePoint(P, 100, 116, 116)).toMatchObject({ code: 'implausible-reference' });
    expect(evaluatePoint(P, 100, 115, 115)).toMatchObject({ passed: true });
    expect(evaluatePoint(P, 250, 250, 300)).toMatchObject({ code: 'implausible-display' });
    expect(evaluatePoint(P, 0, 0, -1)).toMatchObject({ code: 'implausible-display' });
  });

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

  it('give an overall pass only when every point and the leak test passed', () => {
    const point = (passed: boolean) => ({
      nominalMmHg: 0,
      referenceMmHg: 0,
      deviceMmHg: 0,
      errorMmHg: 0,
      toleranceMmHg: 3,
      passed,
    });
    const leak = (passed: boolean) => ({
      startMmHg: 250,
      endMmHg: 250,
      heldSeconds: 60,
      dropMmHg: 0,
      maxDropMmHg: 6,
      passed,
    });
    expect(overallResult([point(true), point(true)], leak(true))).toBe('passed');
    expect(overallResult([point(true), point(false)], leak(true))).toBe('failed');
    expect(overallResult([point(true)], leak(false))).toBe('failed');
    expect(overallResult([], leak(true))).toBe('failed');
  });
});
