import { describe, expect, it } from 'vitest';
import { contactValid, normaliseBirthDate, validateManualIdentity } from './manual-identity';

const TODAY = '2026-11-22';
const form = { lastName: 'Martin', firstName: 'Jeanne', birthDate: '1985-05-12', nir: '185057800608491' };

describe('validateManualIdentity', () => {
  it('accepts a consistent identity and normalises it', () => {
    expect(validateManualIdentity({ ...form, lastName: ' martin ', nir: '1 85 05 78 006 084 91' }, TODAY)).toEqual({
      identity: {
        lastName: 'MARTIN',
        firstName: 'Jeanne',
        birthDate: '1985-05-12',
        nir: '185057800608491',
        source: 'manual',
      },
    });
  });
  it('names each wrong field', () => {
    expect(validateManualIdentity({ lastName: ' ', firstName: 'x'.repeat(81), birthDate: '', nir: '' }, TODAY)).toEqual(
      {
        errors: { lastName: 'required', firstName: 'too-long', birthDate: 'required', nir: 'required' },
      },
    );
    expect(validateManualIdentity({ ...form, birthDate: '2027-01-01' }, TODAY)).toEqual({
      errors: { birthDate: 'future-date' },
    });
    expect(validateManualIdentity({ ...form, nir: '485057800608491' }, TODAY)).toEqual({
      errors: { nir: 'nir-format' },
    });
    expect(validateManualIdentity({ ...form, nir: '185057800608490' }, TODAY)).toEqual({ errors: { nir: 'nir-key' } });
  });
  it('flags a NIR whose birth year or month disagrees with the date; unknown NIR months are not compared', () => {
    expect(validateManualIdentity({ ...form, birthDate: '1985-06-12' }, TODAY)).toEqual({
      errors: { nir: 'nir-mismatch' },
    });
    expect(validateManualIdentity({ ...form, birthDate: '1984-05-12' }, TODAY)).toEqual({
      errors: { nir: 'nir-mismatch' },
    });
    // 1 85 99 …: month unknown (99); key for 1859978006084.
    const key = String(97n - (1859978006084n % 97n)).padStart(2, '0');
    expect(
      validateManualIdentity({ ...form, birthDate: '1985-01-01', nir: `1859978006084${key}` }, TODAY),
    ).toHaveProperty('identity');
  });
  it('Corsican departments use 2A/2B in the key', () => {
    const key = String(97n - (1850519006084n % 97n)).padStart(2, '0');
    expect(validateManualIdentity({ ...form, nir: `185052A006084${key}` }, TODAY)).toHaveProperty('identity');
  });
});

describe('normaliseBirthDate', () => {
  it('reads ISO and French orders, refuses impossible dates', () => {
    expect(normaliseBirthDate('12/05/1985')).toBe('1985-05-12');
    expect(normaliseBirthDate('1985-05-12')).toBe('1985-05-12');
    expect(normaliseBirthDate('31/02/1985')).toBeNull();
    expect(normaliseBirthDate('1985')).toBeNull();
  });
});

describe('contactValid', () => {
  it('accepts empty, French and international numbers and plausible e-mails', () => {
    expect(contactValid({ email: null, phone: null })).toBe(true);
    expect(contactValid({ email: 'a@b.fr', phone: '06 12 34 56 78' })).toBe(true);
    expect(contactValid({ email: '', phone: '+33612345678' })).toBe(true);
    expect(contactValid({ email: 'a@b', phone: null })).toBe(false);
    expect(contactValid({ email: null, phone: '0012' })).toBe(false);
  });
});

describe('the typed identity without an NIR (issue 21)', () => {
  const form = {
    lastName: 'el amrani',
    firstName: 'Yasmine Nour',
    birthDate: '14/03/1990',
    nir: '',
    withoutNir: { sex: 'F' as const, birthplaceCode: '99350', usedName: 'martin' },
  };

  it('gives the INS traits as typed, with no NIR: sex, the INSEE code of the place chosen, the used name', () => {
    expect(validateManualIdentity(form, '2026-12-06')).toEqual({
      identity: {
        lastName: 'EL AMRANI',
        firstName: 'Yasmine Nour',
        birthDate: '1990-03-14',
        nir: null,
        source: 'manual',
        traits: {
          birthName: 'EL AMRANI',
          birthGivenNames: 'YASMINE NOUR',
          birthDate: '1990-03-14',
          sex: 'F',
          birthplaceCode: '99350',
          usedName: 'MARTIN',
          usedGivenName: null,
        },
      },
    });
  });

  it('asks for the sex and a birthplace from the list (a code not in it is refused), never for the NIR', () => {
    expect(
      validateManualIdentity({ ...form, withoutNir: { sex: '', birthplaceCode: '12345', usedName: '' } }, '2026-12-06'),
    ).toEqual({ errors: { sex: 'required', birthplace: 'required' } });
    expect(
      validateManualIdentity(
        { ...form, lastName: '', withoutNir: { ...form.withoutNir, usedName: 'X'.repeat(81) } },
        '2026-12-06',
      ),
    ).toEqual({ errors: { lastName: 'required', usedName: 'too-long' } });
  });
});
