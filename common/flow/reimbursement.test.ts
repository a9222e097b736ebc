import { describe, expect, it } from 'vitest';
import type { CarePathwayAnswers } from './care-pathway';
import { paymentFor, reimbursementFor, TELECONSULTATION_FEE_EUROS } from './reimbursement';

const base: CarePathwayAnswers = {
  hasMedecinTraitant: true,
  referredByMedecinTraitant: true,
  exception: 'none',
  aldOrMaternity: false,
};

describe('reimbursementFor', () => {
  it('general case: 70 % and 2 € participation', () => {
    expect(reimbursementFor(base)).toEqual({
      pathwayRespected: true,
      ratePercent: 70,
      participationForfaitaireEuros: 2,
    });
  });
  it('ALD or maternity: 100 %, no participation', () => {
    expect(reimbursementFor({ ...base, aldOrMaternity: true })).toMatchObject({
      ratePercent: 100,
      participationForfaitaireEuros: 0,
    });
  });
  it('outside the pathway: 30 %', () => {
    expect(reimbursementFor({ ...base, referredByMedecinTraitant: false })).toMatchObject({
      pathwayRespected: false,
      ratePercent: 30,
    });
  });
  it('exceptions and direct-access specialties keep the pathway', () => {
    const out = { ...base, referredByMedecinTraitant: false };
    expect(reimbursementFor({ ...out, exception: 'no-medecin-traitant' }).ratePercent).toBe(70);
    expect(reimbursementFor({ ...out, exception: 'under-16' })).toMatchObject({
      ratePercent: 70,
      participationForfaitaireEuros: 0,
    });
    expect(reimbursementFor(out, 'ophthalmology').ratePercent).toBe(70);
    expect(reimbursementFor(out, 'dermatology').ratePercent).toBe(30);
  });
  it('payment: tiers payant only at 100 %', () => {
    expect(paymentFor(reimbursementFor({ ...base, aldOrMaternity: true }))).toEqual({
      tiersPayant: true,
      amountDueEuros: 0,
    });
    expect(paymentFor(reimbursementFor(base))).toEqual({
      tiersPayant: false,
      amountDueEuros: TELECONSULTATION_FEE_EUROS,
    });
    expect(paymentFor(null).tiersPayant).toBe(false);
  });
});
