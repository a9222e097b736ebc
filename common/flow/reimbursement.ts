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
 * participation forfaitaire is due at 100 % too (ALD patients pay it; only maternity from the 6th
 * month is exempt, which the kiosk does not ask: the Assurance Maladie applies it when it withholds
 * the amount); the kiosk waives it only for the children it knows of (the under-16 exception; the
 * rule's limit is 18). See paymentFor for the sources.
 */
export function reimbursementFor(answers: CarePathwayAnswers, specialty: Specialty | null = null): ReimbursementInfo {
  const respected = pathwayRespected(answers, specialty);
  const ratePercent = answers.aldOrMaternity ? 100 : respected ? 70 : 30;
  const noParticipation = answers.exception === 'under-16';
  return ReimbursementInfo.parse({
    pathwayRespected: respected,
    ratePercent,
    participationForfaitaireEuros: noParticipation ? 0 : PARTICIPATION_FORFAITAIRE_EUROS,
  });
}

/** The one amount the patient pays now, and why (the end screen and the billing export read this). */
export interface Payment {
  /** The Assurance Maladie pays its share to the doctor directly: nothing to advance. */
  tiersPayant: boolean;
  /** To pay now, in euros: 0 under tiers payant, else the whole fee. */
  amountDueEuros: number;
  feeEuros: number;
  ratePercent: number;
  /**
   * Paid back later by the Assurance Maladie when the fee was advanced: its share minus the
   * participation forfaitaire (which it keeps); 0 under tiers payant.
   */
  reimbursedLaterEuros: number;
  /**
   * The participation forfaitaire of this consultation. Never paid at the cabin: withheld from
   * the reimbursement when the fee was advanced, or from a later reimbursement under tiers payant.
   */
  participationEuros: number;
}

/**
 * What the patient pays now for the teleconsultation, computed here only.
 *
 * The rules, as the Assurance Maladie publishes them (ameli.fr, "Consultation et téléconsultation :
 * tarifs et remboursement" and "Participation forfaitaire et franchises médicales"; 2024 medical
 * convention, arrêté of 20 June 2024):
 * - a teleconsultation is billed like a consultation: 30 € with a general practitioner in sector 1
 *   (G / TCG since 22 December 2024);
 * - reimbursed at 70 % in the parcours de soins, 30 % outside it, 100 % under ALD or maternity;
 * - the participation forfaitaire is 2 € per consultation since 15 May 2024 (decree 2024-114),
 *   never paid to the practitioner: withheld from the reimbursement, or, under tiers payant, from a
 *   later one; not due under 18, with the Complémentaire santé solidaire or the AME, nor from the
 *   6th month of pregnancy;
 * - tiers payant is due to patients at 100 % (ALD, maternity): they advance nothing.
 * Unknown answers: the whole fee, no tiers payant (the pharmacist checks the card).
 */
export function paymentFor(info: ReimbursementInfo | null): Payment {
  const feeEuros = TELECONSULTATION_FEE_EUROS;
  const ratePercent = info?.ratePercent ?? 0;
  const participationEuros = info?.participationForfaitaireEuros ?? PARTICIPATION_FORFAITAIRE_EUROS;
  const tiersPayant = ratePercent === 100;
  const share = Math.round(feeEuros * ratePercent) / 100;
  return {
    tiersPayant,
    amountDueEuros: tiersPayant ? 0 : feeEuros,
    feeEuros,
    ratePercent,
    reimbursedLaterEuros: tiersPayant ? 0 : Math.max(0, share - participationEuros),
    participationEuros,
  };
}
