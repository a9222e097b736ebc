import type { ConsentRecord } from '../../common/consent/consent-record';
import type { Measurement } from '../../common/devices/measurement';
import type { PatientIdentity } from '../../common/identity/identity';
import { NOTE_SECTIONS, NOTE_TITLES_FR, type ConsultationReport } from '../../common/signaling/messages';
import type { MssanteMessage } from '../mail/mssante/mssante-sender';

/** Why a report is not sent to the médecin traitant. */
export type GpReportRefusal = 'no-consent' | 'consent-withdrawn';

/**
 * The report goes to the médecin traitant only with the patient's consent to that use, given at the
 * kiosk and not withdrawn since (common/consent/consent-record.ts, use "gp-report").
 */
export function gpReportConsent(
  consents: readonly ConsentRecord[],
): { ok: true } | { ok: false; refusal: GpReportRefusal } {
  const record = consents.find((c) => c.use === 'gp-report');
  if (!record?.granted) return { ok: false, refusal: 'no-consent' };
  if (record.withdrawnAt !== null) return { ok: false, refusal: 'consent-withdrawn' };
  return { ok: true };
}

const parisDateTime = (iso: string) =>
  new Date(iso).toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' });

function measurementLine(m: Measurement): string {
  if (!m.valid) return `${m.kind} : mesure invalide (${m.flags.join(', ')})`;
  if (m.kind === 'oximetry') return `SpO2 ${m.spo2 ?? '--'} %, pouls ${m.pulseRate ?? '--'} bpm`;
  if (m.kind === 'temperature') return `Température ${m.celsius ?? '--'} °C`;
  return `Tension ${m.systolic ?? '--'}/${m.diastolic ?? '--'} mmHg`;
}

/** The note's written sections under their French titles; an older free-text note as it was. */
function noteLines(report: ConsultationReport): string[] {
  const sections = NOTE_SECTIONS.filter((s) => report.note[s].trim() !== '');
  const lines = sections.map((s) => `${NOTE_TITLES_FR[s]} : ${report.note[s].trim()}`);
  if (report.legacyNotes) lines.push(report.legacyNotes);
  return lines.length > 0 ? lines : ['(aucune)'];
}

/**
 * The consultation report as an MSSanté message to the médecin traitant, in French: who the patient
 * is (so the doctor can file it), when, by whom, the reason, the readings, the notes and the
 * prescription's lines and number. Health data: it travels only over MSSanté, never logged.
 */
export function gpReportMessage(
  report: ConsultationReport,
  patient: PatientIdentity | null,
  to: string,
): MssanteMessage {
  const who = patient
    ? `${patient.lastName} ${patient.firstName}, né(e) le ${patient.birthDate}`
    : 'identité non transmise';
  const lines = [
    'Chère consœur, cher confrère,',
    '',
    `Votre patient(e) ${who} a consulté en téléconsultation assistée en pharmacie le ${parisDateTime(report.acceptedAt)}`,
    `(Dr ${report.doctor.name}, RPPS ${report.doctor.rpps}). Il ou elle a consenti à ce que ce compte rendu vous soit adressé.`,
    '',
    `Motif : ${report.reason || '(non précisé)'}`,
    '',
    'Mesures :',
    ...(report.measurements.length > 0 ? report.measurements.map((m) => `- ${measurementLine(m)}`) : ['- aucune']),
    '',
    'Notes du médecin :',
    ...noteLines(report),
    '',
    ...(report.prescription
      ? [
          `Ordonnance n° ${report.prescription.number} :`,
          ...report.prescription.lines.map((l) => `- ${l.item} — ${[l.dosage, l.duration].filter(Boolean).join(', ')}`),
        ]
      : ['Pas d’ordonnance.']),
  ];
  return {
    to,
    subject: `Compte rendu de téléconsultation du ${parisDateTime(report.acceptedAt)}`,
    text: lines.join('\n'),
  };
}
