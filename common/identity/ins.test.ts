import { describe, expect, it } from 'vitest';
import { checkInsNumber, identityStatus, traitConflicts, type InsTraits } from './ins';
import { applyInsiAnswer, provisionalIdentity, recordDocumentCheck } from './ins-vigilance';

const TRAITS: InsTraits = {
  birthName: 'TEST',
  birthGivenNames: 'PATIENT MARIE',
  birthDate: '1969-05-01',
  sex: 'F',
  birthplaceCode: '49588',
  usedName: null,
  usedGivenName: null,
};
const AT = '2026-12-06T10:00:00.000Z';
const DOC = { kind: 'CN' as const, checkedBy: 'pharmacist-1', checkedAt: AT };

describe('INS number', () => {
  it('accepts a number whose key matches and refuses a wrong key, a bad length or format', () => {
    expect(checkInsNumber('2 69 05 49 588 157 80')).toEqual({ ok: true, ins: '269054958815780' });
    expect(checkInsNumber('269054958815781')).toEqual({ ok: false, problem: 'key' });
    expect(checkInsNumber('2690549588157')).toEqual({ ok: false, problem: 'length' });
    expect(checkInsNumber('26905495881578X')).toEqual({ ok: false, problem: 'format' });
  });

  it('finds the traits the number contradicts', () => {
    expect(traitConflicts('269054958815780', TRAITS)).toEqual([]);
    expect(traitConflicts('169054958815780', TRAITS)).toEqual(['sex']);
    expect(traitConflicts('269054958815780', { ...TRAITS, birthDate: '1970-06-01', birthplaceCode: '75056' })).toEqual([
      'birth-year',
      'birth-month',
      'birthplace',
    ]);
    // A month of 20 or more is "unknown" in the register: it contradicts no month.
    expect(traitConflicts('269254958815780', TRAITS)).toEqual([]);
  });
});

describe('identity status (RNIV)', () => {
  it('is qualified only with both INSi and a document', () => {
    expect(identityStatus({ insiRecovered: false, documentChecked: false })).toBe('provisional');
    expect(identityStatus({ insiRecovered: true, documentChecked: false })).toBe('recovered');
    expect(identityStatus({ insiRecovered: false, documentChecked: true })).toBe('validated');
    expect(identityStatus({ insiRecovered: true, documentChecked: true })).toBe('qualified');
  });

  it('recovered then document checked → qualified; document first then INSi → qualified too', () => {
    const start = provisionalIdentity({ ...TRAITS, birthGivenNames: 'PATIENT', usedName: 'DURAND' });
    const recovered = applyInsiAnswer(start, { kind: 'found', ins: '269054958815780', traits: TRAITS }, AT);
    expect(recovered).toMatchObject({
      ok: true,
      identity: { status: 'recovered', ins: '269054958815780', oid: '1.2.250.1.213.1.4.8', insiAt: AT },
    });
    if (!recovered.ok) throw new Error('not recovered');
    // INSi's reference traits replace the typed ones; the used name the patient gave is kept.
    expect(recovered.identity.traits).toMatchObject({ birthGivenNames: 'PATIENT MARIE', usedName: 'DURAND' });
    expect(recordDocumentCheck(recovered.identity, DOC)).toMatchObject({ status: 'qualified', document: DOC });

    const validated = recordDocumentCheck(provisionalIdentity(TRAITS), DOC);
    expect(validated.status).toBe('validated');
    const both = applyInsiAnswer(validated, { kind: 'found', ins: '269054958815780', traits: TRAITS }, AT);
    expect(both.ok && both.identity.status).toBe('qualified');
  });

  it('refuses not found, several, a wrong key and traits the number contradicts, leaving the identity as it was', () => {
    const start = provisionalIdentity(TRAITS);
    expect(applyInsiAnswer(start, { kind: 'not-found' }, AT)).toEqual({ ok: false, refusal: { reason: 'not-found' } });
    expect(applyInsiAnswer(start, { kind: 'several', count: 2 }, AT)).toEqual({
      ok: false,
      refusal: { reason: 'several' },
    });
    expect(applyInsiAnswer(start, { kind: 'found', ins: '269054958815781', traits: TRAITS }, AT)).toEqual({
      ok: false,
      refusal: { reason: 'ins-key' },
    });
    expect(applyInsiAnswer(start, { kind: 'found', ins: '169054958815733', traits: TRAITS }, AT)).toMatchObject({
      ok: false,
      refusal: { reason: 'traits-conflict', conflicts: ['sex'] },
    });
    expect(start.status).toBe('provisional');
  });
});
