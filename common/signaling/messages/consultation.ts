import { z } from 'zod';
import { Prescription, PrescriptionLine } from '../../consultation/prescription';
import { Measurement } from '../../devices/measurement';
import { Specialty } from '../../flow/care-pathway';
import { Territory } from '../../routing/territory';
import { ConsultationNote, upgradeStoredReport } from './consultation-note';

// ---------------------------------------------------------------------------------------------
// Domain shapes shared by both sides.
// ---------------------------------------------------------------------------------------------

/** A doctor as the kiosk and the console see them. */
export const DoctorInfo = z.object({
  id: z.string(),
  /** Display name, e.g. "Dr Claire Martin". */
  name: z.string().min(1).max(120),
  /** RPPS number, 11 digits (printed on prescriptions). */
  rpps: z.string().regex(/^\d{11}$/),
});
export type DoctorInfo = z.infer<typeof DoctorInfo>;

/** Where a consultation is. */
export const ConsultationState = z.enum(['waiting', 'in-call', 'ended']);
export type ConsultationState = z.infer<typeof ConsultationState>;

/** One patient waiting, as the doctors' queue shows it (no identity: that comes with accept). */
export const QueueItem = z.object({
  consultationId: z.string(),
  kioskId: z.string(),
  ageYears: z.number().int().min(0).max(130),
  /**
   * From the NIR the kiosk read (1/7 male, 2/8 female); null when it tells nothing (a temporary
   * number, no card). Absent from platforms older than the field.
   */
  sex: z.enum(['F', 'M']).nullable().optional(),
  /**
   * The pharmacy whose cabin the patient is in, and its town, as the platform's pharmacy directory
   * names them (admin add-pharmacy --name --town); null for a kiosk of no pharmacy / no town recorded.
   */
  pharmacy: z.string().max(120).nullable().optional(),
  town: z.string().max(80).nullable().optional(),
  specialty: Specialty,
  /** The pharmacy's territory (département code). */
  territory: Territory,
  reason: z.string().max(1000),
  /** A patient who checked in for an appointment: the doctor they booked (only that doctor sees them). */
  bookedDoctorId: z.string().nullable().optional(),
  /** ISO 8601 start of that appointment. */
  appointmentAt: z.string().nullable().optional(),
  /** ISO 8601 time the patient joined the queue. */
  waitingSince: z.string(),
  /** 1-based position in its queue (same specialty and territory). */
  position: z.number().int().min(1),
  /** False while the kiosk's socket is down (it keeps its place for a grace period). */
  kioskConnected: z.boolean(),
});
export type QueueItem = z.infer<typeof QueueItem>;

/** The prescription as the doctor writes it; the platform adds the number, date, doctor and QR. */
export const PrescriptionDraft = z.object({ lines: z.array(PrescriptionLine).min(1).max(30) });
export type PrescriptionDraft = z.infer<typeof PrescriptionDraft>;

/**
 * The consultation report the doctor gets when the call ends (and the platform keeps). A report
 * stored before the typed note (`notes` text) reads as one with it (upgradeStoredReport).
 */
export const ConsultationReport = z.preprocess(
  upgradeStoredReport,
  z.object({
    consultationId: z.string(),
    kioskId: z.string(),
    sessionId: z.string(),
    doctor: DoctorInfo,
    specialty: Specialty,
    reason: z.string(),
    acceptedAt: z.string(),
    endedAt: z.string(),
    durationSeconds: z.number().min(0),
    identityVerified: z.boolean(),
    /** Measurements the kiosk sent during the call (reliable channel copies). */
    measurements: z.array(Measurement),
    note: ConsultationNote,
    /** A report written before the note had sections: its free text, as the doctor wrote it. */
    legacyNotes: z.string().optional(),
    prescription: Prescription.nullable(),
  }),
);
export type ConsultationReport = z.infer<typeof ConsultationReport>;
