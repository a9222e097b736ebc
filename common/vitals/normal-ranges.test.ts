import { describe, expect, it } from 'vitest';
import { NORMAL_ADULT_RANGES, rangeFlag } from './normal-ranges';

describe('normal adult ranges', () => {
  it('flags values outside the bounds, inclusive at both ends', () => {
    expect(rangeFlag('celsius', 36.9)).toBeNull();
    expect(rangeFlag('celsius', 38.0)).toBeNull();
    expect(rangeFlag('celsius', 38.1)).toBe('high');
    expect(rangeFlag('celsius', 36.0)).toBe('low');
    expect(rangeFlag('spo2', 96)).toBeNull();
    expect(rangeFlag('spo2', 93)).toBe('low');
    expect(rangeFlag('pulseRate', 120)).toBe('high');
    expect(rangeFlag('systolic', 140)).toBe('high');
    expect(rangeFlag('diastolic', 59)).toBe('low');
  });

  it('flags nothing without a value', () => {
    expect(rangeFlag('spo2', null)).toBeNull();
    expect(rangeFlag('spo2', undefined)).toBeNull();
    expect(rangeFlag('spo2', Number.NaN)).toBeNull();
  });

  it('has a low bound under its high bound and a source for every sign', () => {
    for (const range of Object.values(NORMAL_ADULT_RANGES)) {
      expect(range.low).toBeLessThan(range.high);
      expect(range.source.length).toBeGreaterThan(0);
    }
  });
});
