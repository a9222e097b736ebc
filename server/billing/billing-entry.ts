import { paymentFor } from '../../common/flow/reimbursement';
import type { PatientIdentity } from '../../common/identity/identity';
import type { ConsultationReport } from '../../common/signaling/messages';

/**
 * Act codes, as the Assurance Maladie's billing knows them:
 * - TLM: the pharmacist's assistance to a teleconsultation in the pharmacy (pharmacists' national
 *   convention of 9 March 2022, art. V.I), 1 € per act, billed with the teleconsultant's RPPS in the
 *   "prescripteur" field and the day of the teleconsultation as prescription and execution date.
 *   Sources: ameli.fr, "La télémédecine : assistance à la téléconsultation en officine" (26 Feb.
 *   2025), and Le Moniteur des pharmacies, "Téléconsultation : certains prestataires exposent les
 *   pharmaciens à des sanctions" (20 June 2025), which gives the code TLM and the 1 €.
 * - TCG: the GP's teleconsultation (30 €, since 22 December 2024; see paymentFor). It is the
 *   doctor's act, not the pharmacy's: the export shows it for the pharmacy's reconciliation only.
 *   Other specialties bill "TC" at their own fee; NOT verified here: the fee column then still
 *   carries paymentFor's GP fee, and the CSV says so in the act column.
 */
export const ASSISTANCE_ACT = { code: 'TLM', amountCents: 100 } as const;
const GP_TELECONSULTATION_ACT = 'TCG';

/**
 * The platform is never told the care-pathway answers (they stay on the kiosk): paymentFor(null)
 * gives the fee but no rate, and the export says so rather than inventing a coverage.
 */
export const COVERAGE_UNKNOWN = 'non transmise à la plateforme (vérifier la carte Vitale au comptoir)';

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
  teleconsultationFeeCents: number;
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
    teleconsultationAct: gp ? GP_TELECONSULTATION_ACT : `TC (${report.specialty}, tarif à vérifier)`,
    teleconsultationFeeCents: Math.round(payment.feeEuros * 100),
    coverage: payment.ratePercent > 0 ? `${payment.ratePercent} %` : COVERAGE_UNKNOWN,
  };
}
