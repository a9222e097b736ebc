import { type CarePathwayAnswers, DIRECT_ACCESS_SPECIALTIES, ReimbursementInfo, type Specialty } from './care-pathway';

/**
 * Assurance Maladie rules the kiosk explains before the call (PRODUCT.md, patient step 4). The
 * information is indicative and never blocks the consultation. Pure: the screens may reuse it.
 */

/** Fee of a teleconsultation with a general practitioner (G, sector 1), in euros. */
export const TELECONSULTATION_FEE_EUROS = 30;
/** Participation forfaitaire per consultation, in euros (not charged on maternity, under 18s). */
export const PARTICIPATION_FORFAITAIRE_EUROS = 2;

/** Whether the parcours de soins is respected with these answers (and specialty when known). */
export function pathwayRespected(answers: CarePathwayAnswers, specialty: Specialty | null = null): boolean {
  if (answers.referredByMedecinTraitant) return true;
  if (answers.exception !== 'none') return true;
  return specialty !== null && DIRECT_ACCESS_SPECIALTIES.has(specialty);
}

/**
 * 100 % for ALD / maternity; 70 % when the pathway is respected; 30 % outside it. The
 * participation forfaitaire is left to the patient except at 100 % (maternity) and under 16.
 */
export function reimbursementFor(answers: CarePathwayAnswers, specialty: Specialty | null = null): ReimbursementInfo {
  const respected = pathwayRespected(answers, specialty);
  const ratePercent = answers.aldOrMaternity ? 100 : respected ? 70 : 30;
  const noParticipation = answers.aldOrMaternity || answers.exception === 'under-16';
  return ReimbursementInfo.parse({
    pathwayRespected: respected,
    ratePercent,
    participationForfaitaireEuros: noParticipation ? 0 : PARTICIPATION_FORFAITAIRE_EUROS,
  });
}

/**
 * What the patient pays at the counter: nothing under tiers payant (100 % cover); otherwise the fee,
 * reimbursed later at `ratePercent` minus the participation. Unknown answers: full fee, no tiers payant.
 */
export function paymentFor(info: ReimbursementInfo | null): { tiersPayant: boolean; amountDueEuros: number } {
  if (info !== null && info.ratePercent === 100) return { tiersPayant: true, amountDueEuros: 0 };
  return { tiersPayant: false, amountDueEuros: TELECONSULTATION_FEE_EUROS };
}
