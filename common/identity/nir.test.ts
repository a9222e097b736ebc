import { describe, expect, it } from 'vitest';
import { PatientIdentity } from './identity';
import { nirKey, validateNir } from './nir';

describe('validateNir', () => {
  // PROTOCOLS.md §4.3: python-stdnum's vectors and the french-ssn README's.
  it.each([
    ['295109912611193', '93'],
    ['253072B07300470', '70'],
    ['253072A07300443', '43'],
    ['255081416802538', '38'],
  ])('accepts the published vector %s (key %s)', (nir, key) => {
    expect(validateNir(nir)).toEqual({ valid: true, key, reason: null });
  });

  it('maps Corsica 2A to 19 and 2B to 18, so the same digits give different keys', () => {
    expect(nirKey('253072A073004')).toBe('43');
    expect(nirKey('2530719073004')).toBe('43');
    expect(nirKey('253072B073004')).toBe('70');
    expect(nirKey('2530718073004')).toBe('70');
  });

  it('accepts the number as printed on the card, spaced, and lower-case Corsica', () => {
    expect(validateNir('2 69 05 49 588 157 80')).toEqual({ valid: true, key: '80', reason: null });
    expect(validateNir('2 53 07 2a 073 004 43').valid).toBe(true);
  });

  it('refuses a wrong key and still says which key was expected', () => {
    expect(validateNir('269054958815781')).toEqual({ valid: false, key: '80', reason: 'key' });
    expect(validateNir('253072A07300470')).toEqual({ valid: false, key: '43', reason: 'key' });
  });

  it.each([
    ['26905495881578', 'length', null],
    ['2690549588157800', 'length', null],
    ['', 'length', null],
    ['26905495881578X', 'format', '80'],
    ['2690549X8815780', 'format', null],
    ['269052C58815780', 'format', null],
    ['469054958815780', 'sex', nirKey('4690549588157')],
    ['269004958815780', 'month', nirKey('2690049588157')],
    ['269154958815780', 'month', nirKey('2691549588157')],
    ['269050058815780', 'department', nirKey('2690500588157')],
  ])('refuses %s with reason %s', (nir, reason, key) => {
    expect(validateNir(nir)).toEqual({ valid: false, key, reason });
  });

  it('accepts the unusual months of incomplete civil records (20 and above)', () => {
    const body = '1692099123456';
    expect(validateNir(`${body}${nirKey(body)}`)).toMatchObject({ valid: true, reason: null });
  });

  it('only calls valid what the PatientIdentity schema accepts', () => {
    for (const nir of [
      '295109912611193',
      '253072B07300470',
      '269054958815780',
      `1692099123456${nirKey('1692099123456')}`,
    ]) {
      expect(validateNir(nir).valid).toBe(true);
      expect(PatientIdentity.shape.nir.safeParse(nir).success).toBe(true);
    }
  });
});
