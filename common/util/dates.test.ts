import { describe, expect, it } from 'vitest';
import { ageInYears, isoDay } from './dates';

describe('ageInYears', () => {
  it('counts whole years, the birthday included', () => {
    expect(ageInYears('2000-03-10', new Date('2026-03-09T00:00:00Z'))).toBe(25);
    expect(ageInYears('2000-03-10', new Date('2026-03-10T00:00:00Z'))).toBe(26);
  });

  it('takes a month or day of 00 (lunar dates) as the 1st', () => {
    expect(ageInYears('1950-00-00', new Date('2026-01-01T00:00:00Z'))).toBe(76);
    expect(ageInYears('1950-06-00', new Date('2026-05-31T00:00:00Z'))).toBe(75);
  });

  it('gives 0 for an unusable or future date and caps absurd ages', () => {
    expect(ageInYears('', new Date('2026-01-01T00:00:00Z'))).toBe(0);
    expect(ageInYears('abcd-01-01', new Date('2026-01-01T00:00:00Z'))).toBe(0);
    expect(ageInYears('2030-01-01', new Date('2026-01-01T00:00:00Z'))).toBe(0);
    expect(ageInYears('1700-01-01', new Date('2026-01-01T00:00:00Z'))).toBe(130);
  });
});

describe('isoDay', () => {
  it('is the UTC calendar day of the instant', () => {
    expect(isoDay(Date.parse('2026-03-02T23:59:59Z'))).toBe('2026-03-02');
    expect(isoDay(Date.parse('2026-03-03T00:00:00Z'))).toBe('2026-03-03');
  });
});
