import { describe, expect, it } from 'vitest';
import { DoctorScope } from '../../common/routing/doctor-scope';
import { Territory } from '../../common/routing/territory';
import { canTake, sameQueue } from './routing';

const GP_ONLY: DoctorScope = { specialties: ['general-practice'], territories: ['75', '92'] };
const PAEDIATRICIAN: DoctorScope = { specialties: ['paediatrics', 'general-practice'], territories: ['75'] };

describe('canTake', () => {
  it('keeps a patient who checked in for an appointment for the booked doctor only', () => {
    const booked = { specialty: 'general-practice' as const, territory: '75', bookedDoctorId: 'doc-a' };
    expect(canTake(GP_ONLY, booked, 'doc-a')).toBe(true);
    expect(canTake(GP_ONLY, booked, 'doc-b')).toBe(false);
    expect(canTake(GP_ONLY, booked)).toBe(false);
    expect(canTake(GP_ONLY, { ...booked, bookedDoctorId: null }, 'doc-b')).toBe(true);
  });

  it('takes a patient asking for one of the doctor’s specialties from one of their territories', () => {
    expect(canTake(GP_ONLY, { specialty: 'general-practice', territory: '92' })).toBe(true);
    expect(canTake(GP_ONLY, { specialty: 'general-practice', territory: '93' })).toBe(false);
    expect(canTake(GP_ONLY, { specialty: 'dermatology', territory: '75' })).toBe(false);
  });

  it('never gives a paediatric request to a doctor who is not a paediatrician', () => {
    expect(canTake(GP_ONLY, { specialty: 'paediatrics', territory: '75' })).toBe(false);
    expect(canTake(PAEDIATRICIAN, { specialty: 'paediatrics', territory: '75' })).toBe(true);
    // …and not across territories either.
    expect(canTake(PAEDIATRICIAN, { specialty: 'paediatrics', territory: '92' })).toBe(false);
  });

  it('gives nobody to an account without specialties and territories', () => {
    expect(canTake(null, { specialty: 'general-practice', territory: '75' })).toBe(false);
  });
});

describe('sameQueue', () => {
  it('is one queue per specialty and territory', () => {
    expect(
      sameQueue({ specialty: 'paediatrics', territory: '75' }, { specialty: 'paediatrics', territory: '75' }),
    ).toBe(true);
    expect(
      sameQueue({ specialty: 'paediatrics', territory: '75' }, { specialty: 'paediatrics', territory: '92' }),
    ).toBe(false);
    expect(
      sameQueue({ specialty: 'paediatrics', territory: '75' }, { specialty: 'general-practice', territory: '75' }),
    ).toBe(false);
  });
});

describe('territories and scopes', () => {
  it('accepts the département codes, Corsica and overseas included, and names what is wrong otherwise', () => {
    for (const code of ['01', '09', '13', '19', '21', '2A', '2B', '75', '95', '971', '976'])
      expect(Territory.safeParse(code).success, code).toBe(true);
    for (const code of ['00', '20', '96', '99', '2C', '977', '7', '075', 'Paris', '']) {
      const parsed = Territory.safeParse(code);
      expect(parsed.success, code).toBe(false);
      expect(parsed.error?.issues[0]?.message).toMatch(/département code/);
    }
  });

  it('needs at least one specialty and one territory', () => {
    expect(DoctorScope.safeParse({ specialties: [], territories: ['75'] }).success).toBe(false);
    expect(DoctorScope.safeParse({ specialties: ['paediatrics'], territories: [] }).success).toBe(false);
    expect(DoctorScope.safeParse({ specialties: ['gp'], territories: ['75'] }).success).toBe(false);
  });
});
