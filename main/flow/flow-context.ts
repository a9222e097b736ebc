import type { Prescription } from '../../common/consultation/prescription';
import type { DeviceStatus } from '../../common/devices/device-status';
import type { LiveReading } from '../../common/devices/live-reading';
import type { MeasurementKind } from '../../common/devices/kinds';
import type { Measurement } from '../../common/devices/measurement';
import type { CarePathwayAnswers, ReimbursementInfo, Specialty } from '../../common/flow/care-pathway';
import type { FlowIntention } from '../../common/flow/flow-intention';
import {
  emptySession,
  type GuidedAuscultation,
  type GuidedExamCamera,
  type GuidedMeasurement,
} from '../../common/flow/flow-view';
import type { CardErrorCode, CardState } from '../../common/identity/card-state';
import type { CardBeneficiaries, PatientIdentity } from '../../common/identity/identity';
import type { FlowOutcome } from '../../common/records/session-outcome';
import type { ManualErrors } from './manual-identity';
import type { FlowCallState } from '../../common/consultation/media-state';
import type { QueueWait } from '../../common/routing/queue-wait';
import type { KioskAlertView } from '../../common/pharmacy/alerts';
import type { SteppedAway } from '../../common/flow/stepped-away';
import type { Payment } from '../../common/flow/reimbursement';
import type { AppointmentView, TicketPrint } from '../../common/flow/appointment-view';
import type { BookedIntake, CheckInAnswer } from '../../common/routing/appointments';

/** Everything the machine holds about the kiosk and the current session. Wiped by `wipe`. */
export interface FlowContext {
  /** The hygiene checklist must be confirmed before the next patient (kept across the wipe). */
  hygieneDue: boolean;
  sessionId: string | null;
  /** How the session ends, set when it becomes known (closeSession reads it). */
  outcome: FlowOutcome | null;
  /** The doctor took the call: counts as an assisted teleconsultation. */
  reachedConsultation: boolean;
  idle: { warning: boolean; secondsLeft: number | null };
  helpRequested: boolean;
  /** What the platform confirmed about the call to the pharmacist (main/alerts). */
  pharmacistAlert: KioskAlertView | null;
  card: CardState | null;
  identity: PatientIdentity | null;
  /** A card with several beneficiaries (or some unreadable): whom the patient chooses from. */
  beneficiaries: CardBeneficiaries | null;
  manualErrors: ManualErrors;
  carePathway: { answers: CarePathwayAnswers | null; reimbursement: ReimbursementInfo | null };
  locality: { value: string | null; refused: boolean };
  consent: { textVersion: string; teleconsultation: boolean | null; secondaryUse: boolean };
  reason: { specialty: Specialty | null; text: string };
  contact: { email: string | null; phone: string | null };
  queue: { position: number; wait: QueueWait; updatedAt: string } | null;
  call: { state: FlowCallState } | null;
  measurement: GuidedMeasurement | null;
  auscultation: GuidedAuscultation | null;
  examCamera: GuidedExamCamera | null;
  recorded: Measurement[];
  prescription: Prescription | null;
  payment: Payment | null;
  rating: number | null;
  away: SteppedAway | null;
  appointment: AppointmentView;
}

export interface FlowInput {
  /** True when the kiosk starts with the hygiene checklist pending. */
  hygieneDue: boolean;
  /** Version of the consent text the screens show (recorded with the answer). */
  consentTextVersion: string;
}

/** Events main feeds to the machine (never from the renderer). */
export type SystemEvent =
  | { type: 'CARD_STATE'; state: CardState }
  | { type: 'CARD_READ'; identity: PatientIdentity; card?: CardBeneficiaries }
  | { type: 'CARD_FAILED'; code: CardErrorCode }
  | { type: 'DEVICE_LIVE'; reading: LiveReading }
  | { type: 'DEVICE_RECORDED'; measurement: Measurement }
  | { type: 'DEVICE_FAILED'; deviceId: string; kind: MeasurementKind; code: string }
  | { type: 'DEVICE_STATUS'; status: DeviceStatus }
  | { type: 'HYGIENE_CONFIRMED' }
  | { type: 'HELP_ANSWERED' }
  | { type: 'ALERT_CHANGED'; alert: KioskAlertView | null }
  | { type: 'IDLE_TIMEOUT' }
  /** main/appointments: the platform booked the slot (the ticket) or answered the check-in. */
  | { type: 'APPOINTMENT_BOOKED'; ticket: NonNullable<AppointmentView['ticket']> }
  /** main/printing: how the booking's paper ticket came out of the cabin's printer. */
  | { type: 'TICKET_PRINTED'; print: TicketPrint }
  | {
      type: 'APPOINTMENT_CHECK_IN';
      answer: CheckInAnswer;
      intake: BookedIntake | null;
      /** Checked in with the Carte Vitale: which beneficiary (null: the card's one identity). */
      cardHolder?: number | null;
    };

export type FlowEvent = FlowIntention | SystemEvent;

/** The context of an empty kiosk: what the wipe returns to. */
export function emptyContext(input: FlowInput): FlowContext {
  return {
    hygieneDue: input.hygieneDue,
    sessionId: null,
    outcome: null,
    reachedConsultation: false,
    card: null,
    identity: null,
    beneficiaries: null,
    manualErrors: {},
    ...emptySession(input.consentTextVersion),
  };
}

/** A new guided measurement at its first phase. */
export function guided(kind: MeasurementKind): GuidedMeasurement {
  return { kind, phase: 'instructions', secondsLeft: null, deviceId: null, live: null, result: null, failure: null };
}

/** Failure code when the measuring device's status changes under the measurement, else null. */
export function failureFromStatus(status: DeviceStatus): string | null {
  if (status.state === 'disconnected') return 'device-unplugged';
  if (status.state === 'unavailable' || status.state === 'error') return 'device-unavailable';
  return null;
}

/**
 * The failure code for whatever ended a measurement: the driver's code (DEVICE_FAILED), the status
 * that took the device away, the manager's refusal (invoke output), the flow's own timeout, or
 * 'device-unavailable' when the manager threw.
 */
export function failureCodeOf(event: { type: string }): string {
  const e = event as { type: string; code?: unknown; status?: DeviceStatus; output?: { ok: boolean; code?: string } };
  if (typeof e.code === 'string') return e.code;
  if (e.type === 'DEVICE_STATUS' && e.status) return failureFromStatus(e.status) ?? 'device-unavailable';
  if (e.output && !e.output.ok && e.output.code) return e.output.code;
  if (e.type.startsWith('xstate.after')) return 'timeout';
  return 'device-unavailable';
}
