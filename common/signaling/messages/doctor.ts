import { z } from 'zod';
import { DeviceStatus } from '../../devices/device-status';
import { Measurement } from '../../devices/measurement';
import { AuscultationReport } from '../../auscultation/auscultation';
import { ExamCameraReport } from '../../exam-camera/exam-camera';
import { AuscultationSite } from '../../auscultation/sites';
import { MeasurementKind } from '../../devices/kinds';
import { PatientIdentity } from '../../identity/identity';
import { DoctorScope } from '../../routing/doctor-scope';
import { CallTicket } from '../call-ticket';
import { DevicesEnvelope, MeasurementEnvelope, MeasurementFailedEnvelope } from '../vitals';
import { ConsultationReport, DoctorInfo, PrescriptionDraft, QueueItem } from './consultation';
import { ConsultationNote } from './consultation-note';
import type { ResponseFrame } from './frames';
import { MediaMethods } from './media';
import { method, Nothing, requestUnion, type MethodTable, type RequestFrame } from './method-table';
import { E, platformFrames, RoomEvents } from './room-events';

/**
 * A signed-in doctor's session: the token to resume it with, when it expires (ISO 8601), the
 * patients the doctor may take (null: the account has no specialty or territory yet, so none) and
 * whether the doctor is on duty for the live queue (kept with the session across reloads).
 */
export const DoctorSession = z.object({
  token: z.string(),
  expiresAt: z.string(),
  doctor: DoctorInfo,
  scope: DoctorScope.nullable(),
  onDuty: z.boolean(),
});
export type DoctorSession = z.infer<typeof DoctorSession>;

/** What the console gets on accept (and on rejoin after a reload): everything to run the call. */
export const AcceptedConsultation = z.object({
  consultationId: z.string(),
  kioskId: z.string(),
  queueEntry: CallTicket.shape.queueEntry,
  identity: PatientIdentity.nullable(),
  devices: z.array(DeviceStatus),
  /** Measurements already received (non-empty after a console reload mid-call). */
  measurements: z.array(Measurement),
  /**
   * The note as last saved (save-notes): a console reloaded mid-call takes it up again. Absent from
   * platforms older than the typed note.
   */
  note: ConsultationNote.optional(),
});
export type AcceptedConsultation = z.infer<typeof AcceptedConsultation>;

/** Requests a doctor console may send. The first must be `sign-in` or `resume-session`. */
export const DoctorMethods = {
  'sign-in': method({ email: z.email().max(200), password: z.string().min(1).max(200) }, DoctorSession),
  /** Re-attaches a socket to a session (after a reload or a reconnect) with its token. */
  'resume-session': method({ token: z.string().min(16).max(200) }, DoctorSession),
  'sign-out': method({}, Nothing),
  /**
   * Starts `queue-list` events; returns the current list at once (only the patients this doctor may
   * take: their specialties and territories), and the doctor's own consultation still in call (left
   * by a closed console, within its grace period) to rejoin.
   */
  'subscribe-queue': method(
    {},
    z.object({
      entries: z.array(QueueItem),
      doctorsOnDuty: z.number().int().min(0),
      ownCall: z.string().nullable(),
    }),
  ),
  /**
   * On or off duty for the live queue: the waiting patients' estimates count the doctors on duty
   * only (an off-duty doctor still sees the list and may accept). Kept with the session.
   */
  'set-on-duty': method({ onDuty: z.boolean() }, z.object({ onDuty: z.boolean() })),
  /**
   * Takes a patient; the kiosk gets `doctor-accepted`. Then negotiate media (MediaMethods).
   * `forbidden` when the patient is outside the doctor's specialties or territories.
   */
  accept: method({ consultationId: z.string().min(1).max(64) }, AcceptedConsultation),
  /** Re-enters the doctor's own consultation in call (after a console reload); same result as accept. */
  rejoin: method({ consultationId: z.string().min(1).max(64) }, AcceptedConsultation),
  /** Asks the kiosk to guide the patient through a measurement. */
  'request-measurement': method({ consultationId: z.string().min(1).max(64), kind: MeasurementKind }, Nothing),
  /**
   * Asks the kiosk to guide the patient to put the stethoscope on `site` and to send its sound (a
   * `stethoscope` producer); the console hears of it through `auscultation-state`.
   */
  'request-auscultation': method({ consultationId: z.string().min(1).max(64), site: AuscultationSite }, Nothing),
  /** The doctor has heard enough: the kiosk stops sending the stethoscope and the patient is told. */
  'end-auscultation': method({ consultationId: z.string().min(1).max(64) }, Nothing),
  /**
   * Asks the kiosk to guide the patient to pick up the examination camera and to send it (an
   * `exam-camera` producer at its native size); the console hears of it through `exam-camera-state`.
   */
  'request-exam-camera': method({ consultationId: z.string().min(1).max(64) }, Nothing),
  /** The doctor is done with the examination camera: the kiosk stops sending it and the patient is told. */
  'end-exam-camera': method({ consultationId: z.string().min(1).max(64) }, Nothing),
  /** The doctor checked the identity against the face (or says it does not match). */
  'verify-identity': method({ consultationId: z.string().min(1).max(64), verified: z.boolean() }, Nothing),
  /** Replaces the consultation's note (the console saves as the doctor types, debounced). */
  'save-notes': method({ consultationId: z.string().min(1).max(64), note: ConsultationNote }, Nothing),
  /** Ends the call; the platform numbers the prescription and sends it to the kiosk. */
  'end-call': method(
    {
      consultationId: z.string().min(1).max(64),
      prescription: PrescriptionDraft.nullable(),
      note: ConsultationNote,
    },
    z.object({ report: ConsultationReport }),
  ),
  ...MediaMethods,
} satisfies MethodTable;

export type DoctorMethods = typeof DoctorMethods;
export type DoctorMethodName = keyof DoctorMethods;

/** Every frame a doctor console may send. */
export const DoctorToPlatform = requestUnion(DoctorMethods);
export type DoctorToPlatform = RequestFrame<DoctorMethods>;

/** Every frame the platform sends a doctor console. */
export const PlatformToDoctor = platformFrames([
  /**
   * The whole list this doctor may take, sent after subscribe-queue and on every change;
   * `doctorsOnDuty`: distinct doctors on duty on the platform.
   */
  E('queue-list', { entries: z.array(QueueItem), doctorsOnDuty: z.number().int().min(0) }),
  E('kiosk-devices', { consultationId: z.string(), devices: z.array(DeviceStatus) }),
  /**
   * A reliable vitals message of the kiosk (a measurement, a failed one, the device list) relayed
   * by the platform as it passes its results channel: the console's own data consumer may not be
   * ready yet (a reload, a rejoin), and a result must never be lost. Apply it like the channel's.
   */
  E('kiosk-result', {
    consultationId: z.string(),
    result: z.discriminatedUnion('type', [MeasurementEnvelope, MeasurementFailedEnvelope, DevicesEnvelope]),
  }),
  /** What the kiosk says of the auscultation: listening, failed (and why), ended. */
  E('auscultation-state', { consultationId: z.string(), report: AuscultationReport }),
  /** What the kiosk says of the examination camera: streaming (at which size), failed (and why), ended. */
  E('exam-camera-state', { consultationId: z.string(), report: ExamCameraReport }),
  /** The session expired or was signed out elsewhere; sign in again. */
  E('session-ended', { reason: z.enum(['expired', 'signed-out']) }),
  ...RoomEvents,
]);
export type PlatformToDoctor = z.infer<typeof PlatformToDoctor>;

/** Event frames only (no responses). */
export type DoctorEvent = Exclude<PlatformToDoctor, ResponseFrame>;
