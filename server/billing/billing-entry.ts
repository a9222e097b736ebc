import type { CarePathwayAnswers, Specialty } from '../../common/flow/care-pathway';
import { paymentFor, reimbursementFor } from '../../common/flow/reimbursement';
import type { PatientIdentity } from '../../common/identity/identity';
import type { ConsultationReport } from '../../common/signaling/messages';

/**
 * Act codes, as the Assurance Maladie's billing knows them (checked against public sources):
 * - TLM: the pharmacist's assistance to a teleconsultation in the pharmacy (pharmacists' national
 *   convention of 9 March 2022, art. V.I), 1 € per act, billed with the teleconsultant's RPPS in the
 *   "prescripteur" field and the day of the teleconsultation as prescription and execution date.
 *   Sources: ameli.fr, "La télémédecine : assistance à la téléconsultation en officine" (26 Feb.
 *   2025, https://www.ameli.fr/pharmacien/exercice-professionnel/facturation-remuneration/telemedecine/telemedecine),
 *   and Le Moniteur des pharmacies, "Téléconsultation : certains prestataires exposent les
 *   pharmaciens à des sanctions" (20 June 2025), which gives the code TLM and the 1 €.
 * - TCG / TC: the teleconsultant's own act, not the pharmacy's (the export shows it for the
 *   pharmacy's reconciliation only). NGAP art. 14.9.3 (UNCAM decision of 10 July 2018) created two
 *   codes; ameli.fr, "Téléconsultation : tarification et facturation"
 *   (https://www.ameli.fr/medecin/actualites/teleconsultation-tarification-et-facturation): the
 *   teleconsultant bills "TCG" or "TC", with the majorations of the G or of the C/CS respectively,
 *   at the fee of a face-to-face consultation. So TCG is the general practitioner's (30 €, the G,
 *   since 22 December 2024; see paymentFor) and TC every other specialty's, at that specialist's
 *   own fee (sector, specialty, any overrun), which the platform does not know: the fee is left
 *   empty rather than guessed. (A "TCS" code some vendors' pages cite is not in ameli's text.)
 */
export const ASSISTANCE_ACT = { code: 'TLM', amountCents: 100 } as const;
const GP_TELECONSULTATION_ACT = 'TCG';
const SPECIALIST_TELECONSULTATION_ACT = 'TC';

/**
 * When the kiosk's intake has not reached the platform (yet): the export says so rather than
 * inventing a coverage. Once it has, the export reads the coverage from it (coverageFromIntake).
 */
export const COVERAGE_UNKNOWN = 'non transmise à la plateforme (vérifier la carte Vitale au comptoir)';

/**
 * The coverage the billing needs, from the patient's care-pathway answers the kiosk synced with
 * the session's intake (exactly once, through its outbox): the rate and whether tiers payant
 * applies, never which of ALD or maternity, nor why the pathway is respected. The same rule the
 * kiosk used for the amount the patient was told (paymentFor).
 */
export function coverageFromIntake(answers: CarePathwayAnswers | null, specialty: Specialty): string {
  if (answers === null) return 'non déclarée par le patient (vérifier la carte Vitale au comptoir)';
  const payment = paymentFor(reimbursementFor(answers, specialty));
  const rate = `${payment.ratePercent} %`;
  const kind = payment.tiersPayant
    ? 'ALD ou maternité, tiers payant'
    : payment.ratePercent === 70
      ? 'parcours de soins respecté'
      : 'hors parcours de soins';
  const participation = payment.participationEuros === 0 ? ', sans participation forfaitaire' : '';
  return `${rate} (${kind}${participation}) — déclaré au kiosque`;
}

/** One billable assisted teleconsultation (a row of billing_entries). */
export interface BillingEntry {
  consultationId: string;
  /** ISO 8601, UTC. */
  endedAt: string;
  /** YYYY-MM-DD in France. */
  day: string;
  pharmacyId: string | null;
  kioskId: string;
  doctorRpps: string;
  nir: string | null;
  actCode: string;
  amountCents: number;
  teleconsultationAct: string;
  /** null: the specialist's own fee (TC), which the platform does not know. */
  teleconsultationFeeCents: number | null;
  coverage: string;
}

const PARIS_DAY = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' });

/** The day in France of an instant, YYYY-MM-DD (billing and counts follow the pharmacy's calendar). */
export function parisDay(instant: Date): string {
  return PARIS_DAY.format(instant);
}

/** The row for a consultation a doctor took and ended with this report. */
export function billingEntryFor(
  report: ConsultationReport,
  identity: PatientIdentity | null,
  pharmacyId: string | null,
): BillingEntry {
  const payment = paymentFor(null);
  const gp = report.specialty === 'general-practice';
  return {
    consultationId: report.consultationId,
    endedAt: report.endedAt,
    day: parisDay(new Date(report.endedAt)),
    pharmacyId,
    kioskId: report.kioskId,
    doctorRpps: report.doctor.rpps,
    nir: identity?.nir ?? null,
    actCode: ASSISTANCE_ACT.code,
    amountCents: ASSISTANCE_ACT.amountCents,
    teleconsultationAct: gp ? GP_TELECONSULTATION_ACT : SPECIALIST_TELECONSULTATION_ACT,
    teleconsultationFeeCents: gp ? Math.round(payment.feeEuros * 100) : null,
    // Read from the synced intake at export time (it may arrive after the end of the call).
    coverage: COVERAGE_UNKNOWN,
  };
}
