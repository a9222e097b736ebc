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
  it('ALD or maternity: 100 %, the participation still due (withheld later, never paid at the cabin)', () => {
    expect(reimbursementFor({ ...base, aldOrMaternity: true })).toMatchObject({
      ratePercent: 100,
      participationForfaitaireEuros: 2,
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
  it('payment: one amount now — nothing under tiers payant (100 %), else the fee, reimbursed later less 2 €', () => {
    expect(paymentFor(reimbursementFor({ ...base, aldOrMaternity: true }))).toEqual({
      tiersPayant: true,
      amountDueEuros: 0,
      feeEuros: 30,
      ratePercent: 100,
      reimbursedLaterEuros: 0,
      participationEuros: 2,
    });
    expect(paymentFor(reimbursementFor(base))).toEqual({
      tiersPayant: false,
      amountDueEuros: TELECONSULTATION_FEE_EUROS,
      feeEuros: 30,
      ratePercent: 70,
      reimbursedLaterEuros: 19,
      participationEuros: 2,
    });
    // Outside the pathway: 30 % of 30 € is 9 €, less the 2 € participation.
    expect(paymentFor(reimbursementFor({ ...base, referredByMedecinTraitant: false })).reimbursedLaterEuros).toBe(7);
    // A child (the under-16 exception) owes no participation: 21 € back.
    const child = { ...base, referredByMedecinTraitant: false, exception: 'under-16' as const };
    expect(paymentFor(reimbursementFor(child))).toMatchObject({ reimbursedLaterEuros: 21, participationEuros: 0 });
    expect(paymentFor(null)).toMatchObject({ tiersPayant: false, amountDueEuros: 30, reimbursedLaterEuros: 0 });
  });
});
