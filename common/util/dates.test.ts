import { describe, expect, it } from 'vitest';
import { addMonths, ageInYears, isoDay } from './dates';

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

describe('addMonths', () => {
  const at = (iso: string, months: number) => new Date(addMonths(Date.parse(iso), months)).toISOString();

  it('keeps the day and time of day, across a year end', () => {
    expect(at('2026-11-05T14:30:00.000Z', 12)).toBe('2027-11-05T14:30:00.000Z');
    expect(at('2026-11-05T14:30:00.000Z', 3)).toBe('2027-02-05T14:30:00.000Z');
  });

  it('falls back to the last day of a shorter month, never into the next one', () => {
    expect(at('2026-01-31T08:00:00.000Z', 1)).toBe('2026-02-28T08:00:00.000Z');
    expect(at('2028-02-29T08:00:00.000Z', 12)).toBe('2029-02-28T08:00:00.000Z');
  });
});
