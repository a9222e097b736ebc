import { AppointmentView, NO_APPOINTMENT } from './appointment-view';
import { z } from 'zod';
import { Prescription } from '../consultation/prescription';
import { MeasurementKind } from '../devices/kinds';
import { AuscultationFailure } from '../auscultation/auscultation';
import { AuscultationSite } from '../auscultation/sites';
import { ExamCameraFailure } from '../exam-camera/exam-camera';
import { LiveReading } from '../devices/live-reading';
import { Measurement } from '../devices/measurement';
import { CardState } from '../identity/card-state';
import { CardBeneficiaries, PatientIdentity } from '../identity/identity';
import { CarePathwayAnswers, ReimbursementInfo, Specialty } from './care-pathway';
import { FlowCallState } from '../consultation/media-state';
import { QueueWait } from '../routing/queue-wait';
import { KioskAlertView } from '../pharmacy/alerts';
import { SteppedAway } from './stepped-away';

/**
 * The patient session as the screens see it: a plain, serialisable view of the flow machine's
 * snapshot (main/flow), pushed on every change. Screens render it and send intentions
 * (flow-intention.ts); they never decide where the flow goes.
 */
export const FLOW_STEPS = [
  'welcome',
  /** The pharmacist has not confirmed the hygiene checklist since the last patient. */
  'cabin-not-ready',
  'emergency',
  /** The patient reported an emergency sign: call 15 / 112; the session stops. */
  'emergency-stop',
  'identify',
  /** The card carries several beneficiaries (or some unreadable): the patient says who they are. */
  'identify-choose',
  'identify-manual',
  'identity-confirm',
  'care-pathway',
  'locality',
  'consent',
  /** Consent refused: no call; the patient is told why and can go back or leave. */
  'consent-refused',
  'reason',
  'contact',
  /** After the reason: now, a time slot, or one's own doctor, each with its time (issue 17). */
  'when',
  /** The booking's ticket (time, QR code), then the patient leaves. */
  'booked',
  /** "I have an appointment": the ticket's QR code at the camera, or the Carte Vitale. */
  'check-in',
  /** More than 10 minutes late: the slot is lost; the live queue with its wait. */
  'check-in-late',
  'waiting',
  /** The patient left keeping their place: their ticket, and what will happen (common/flow/stepped-away.ts). */
  'away-ticket',
  'consultation',
  'end',
  'rating',
  /** Thanks, then the session is wiped and welcome returns. */
  'goodbye',
] as const;
export const FlowStep = z.enum(FLOW_STEPS);
export type FlowStep = z.infer<typeof FlowStep>;

/** Why a manual identity field was refused (translated as `identify.error.<code>`). */
export const ManualFieldError = z.enum([
  'required',
  'too-long',
  'invalid-date',
  'future-date',
  'nir-format',
  'nir-key',
  'nir-mismatch',
]);

/** A doctor-requested measurement being guided on screen. */
export const GuidedMeasurement = z.object({
  kind: MeasurementKind,
  /**
   * instructions: pictures and spoken steps, the patient presses "I'm ready";
   * resting: seated rest before blood pressure (timer); measuring: the device is working, live values;
   * result: the recorded value, to confirm; failed: a plain-words reason and a retry.
   */
  phase: z.enum(['instructions', 'resting', 'measuring', 'result', 'failed']),
  /** Seconds left on the phase's timer (rest, settling), else null. */
  secondsLeft: z.number().int().min(0).nullable(),
  deviceId: z.string().nullable(),
  live: LiveReading.nullable(),
  result: Measurement.nullable(),
  /**
   * Why the measurement could not be taken (translated as `measure.failure.<code>`): a quality flag
   * ('finger-out', 'cuff-error', …) or 'device-unplugged', 'device-unavailable' (no such device,
   * or it became unusable), 'out-of-service' (its calibration failed or is past due: nothing to
   * retry until a technician checks it), 'timeout'.
   */
  failure: z.string().nullable(),
});
export type GuidedMeasurement = z.infer<typeof GuidedMeasurement>;

/** A doctor-requested auscultation, guided on screen while the stethoscope's sound goes to the doctor. */
export const GuidedAuscultation = z.object({
  site: AuscultationSite,
  /**
   * placing: the diagram and where to put the chest piece, the stethoscope being opened;
   * listening: its sound reaches the doctor (since `listeningSince`); failed: why, and back to the doctor.
   */
  phase: z.enum(['placing', 'listening', 'failed']),
  /** ISO 8601 time the sound started to flow (the screen counts the seconds from it). */
  listeningSince: z.string().nullable(),
  failure: AuscultationFailure.nullable(),
});
export type GuidedAuscultation = z.infer<typeof GuidedAuscultation>;

/** A doctor-requested examination with the camera, guided on screen while its video goes to the doctor. */
export const GuidedExamCamera = z.object({
  /**
   * opening: how to hold the camera, while it is opened; streaming: the doctor sees through it;
   * failed: why, and back to the doctor.
   */
  phase: z.enum(['opening', 'streaming', 'failed']),
  /** When the doctor first saw through it (ISO 8601): the patient sees how long they have held it. */
  streamingSince: z.string().nullable(),
  failure: ExamCameraFailure.nullable(),
});
export type GuidedExamCamera = z.infer<typeof GuidedExamCamera>;

export const FlowView = z.object({
  step: FlowStep,
  /** Local session id (UUID) from identification onwards; null on welcome. */
  sessionId: z.string().nullable(),
  /** Idle warning ("are you still there?") with the seconds left before the wipe. */
  idle: z.object({ warning: z.boolean(), secondsLeft: z.number().int().min(0).nullable() }),
  /** The patient pressed "call the pharmacist" and nobody has answered yet. */
  helpRequested: z.boolean(),
  /**
   * The call to the pharmacist (help button, emergency screen) as the platform confirmed it: what
   * the screens may say about it (common/pharmacy/alerts.ts); null when none is under way.
   */
  pharmacistAlert: KioskAlertView.nullable(),
  identification: z.object({
    card: CardState.nullable(),
    /** The identity to confirm (identity-confirm) and later shown to the doctor. */
    identity: PatientIdentity.nullable(),
    /** The card's beneficiaries to choose from (identify-choose); null for a one-person card or typed details. */
    beneficiaries: CardBeneficiaries.nullable(),
    /** Field errors of the manual form, by field. */
    manualErrors: z.partialRecord(
      z.enum(['lastName', 'firstName', 'birthDate', 'nir', 'sex', 'birthplace', 'usedName']),
      ManualFieldError,
    ),
  }),
  carePathway: z.object({ answers: CarePathwayAnswers.nullable(), reimbursement: ReimbursementInfo.nullable() }),
  /** Commune or postcode; `refused` shows the reimbursement warning. */
  locality: z.object({ value: z.string().nullable(), refused: z.boolean() }),
  consent: z.object({
    /** Version of the consent text shown (recorded with the answer). */
    textVersion: z.string(),
    teleconsultation: z.boolean().nullable(),
    secondaryUse: z.boolean(),
  }),
  reason: z.object({ specialty: Specialty.nullable(), text: z.string() }),
  contact: z.object({ email: z.string().nullable(), phone: z.string().nullable() }),
  /** Honest wait: pushed by the platform (a position and what may be said of the wait); null until the first update. */
  queue: z.object({ position: z.number().int().min(0), wait: QueueWait, updatedAt: z.string() }).nullable(),
  call: z.object({ state: FlowCallState }).nullable(),
  measurement: GuidedMeasurement.nullable(),
  auscultation: GuidedAuscultation.nullable(),
  examCamera: GuidedExamCamera.nullable(),
  /** Measurements recorded this session (shown in the end summary). */
  recorded: z.array(Measurement),
  prescription: Prescription.nullable(),
  /** The one amount to pay now and why (common/flow/reimbursement.ts paymentFor). */
  payment: z
    .object({
      tiersPayant: z.boolean(),
      amountDueEuros: z.number().min(0),
      feeEuros: z.number().min(0),
      ratePercent: z.number().int().min(0).max(100),
      reimbursedLaterEuros: z.number().min(0),
      participationEuros: z.number().min(0),
    })
    .nullable(),
  rating: z.number().int().min(1).max(5).nullable(),
  /** The place kept by the platform when the patient left the waiting room with a ticket. */
  away: SteppedAway.nullable(),
  appointment: AppointmentView,
});
export type FlowView = z.infer<typeof FlowView>;

/** The parts of a session that start empty, alike in main's flow context and in the view it projects. */
export type EmptySession = Omit<FlowView, 'step' | 'sessionId' | 'identification'>;

/** What a session holds before the patient has done anything: a wiped kiosk, and the base of every test view. */
export function emptySession(consentTextVersion: string): EmptySession {
  return {
    idle: { warning: false, secondsLeft: null },
    helpRequested: false,
    pharmacistAlert: null,
    carePathway: { answers: null, reimbursement: null },
    locality: { value: null, refused: false },
    consent: { textVersion: consentTextVersion, teleconsultation: null, secondaryUse: false },
    reason: { specialty: null, text: '' },
    contact: { email: null, phone: null },
    queue: null,
    call: null,
    measurement: null,
    auscultation: null,
    examCamera: null,
    recorded: [],
    prescription: null,
    payment: null,
    rating: null,
    away: null,
    appointment: NO_APPOINTMENT,
  };
}
