import { randomUUID } from 'node:crypto';
import type { Prescription } from '../../common/consultation/prescription';
import type { DeviceStatus } from '../../common/devices/device-status';
import type { Measurement } from '../../common/devices/measurement';
import type { PatientIdentity } from '../../common/identity/identity';
import type { CallTicket } from '../../common/signaling/call-ticket';
import type { BookingEnded } from '../../common/routing/appointments';
import {
  emptyNote,
  type AcceptedConsultation,
  type ConsultationNote,
  type ConsultationReport,
  type ConsultationState,
  type DoctorEvent,
  type DoctorInfo,
  type KioskEvent,
} from '../../common/signaling/messages';
import type { MediaRoom } from './room';

/** A connected client as the call center sees it (a WebSocket in production, a fake in tests). */
export interface Link<E> {
  /** Stable id for logs. */
  readonly id: string;
  send(event: E): void;
}
export type KioskLink = Link<KioskEvent>;
export type DoctorLink = Link<DoctorEvent>;

/** Why a consultation ended (the `call-ended` event's reason). */
export type EndReason = 'doctor-ended' | 'kiosk-left' | 'connection-lost';

/** One patient from joining the queue to the end of the call. */
export interface Consultation {
  readonly id: string;
  readonly kioskId: string;
  readonly sessionId: string;
  readonly queueEntry: CallTicket['queueEntry'];
  readonly identity: PatientIdentity | null;
  /**
   * The doctor of the appointment this patient checked in for (the platform's lookup), else null;
   * set to null when the appointment ends in the waiting room (booked-release.ts).
   */
  bookedDoctorId: string | null;
  /** That appointment's start, ms since the epoch, else null. */
  appointmentAt: number | null;
  /** Why the appointment ended while the patient waited (told to the kiosk once), else null. */
  bookingEnded: BookingEnded | null;
  devices: DeviceStatus[];
  state: ConsultationState;
  /** ms since the epoch. */
  readonly joinedAt: number;
  acceptedAt: number | null;
  doctor: DoctorInfo | null;
  kiosk: KioskLink | null;
  doctorLink: DoctorLink | null;
  room: MediaRoom | null;
  /** The doctor's note as last saved (save-notes), by section. */
  note: ConsultationNote;
  identityVerified: boolean;
  measurements: Measurement[];
  /**
   * The prescription issued by an end of the call that then failed to store the report, with its
   * draft (JSON): a retry with the same draft hands out this one rather than a second number.
   */
  issued: { draft: string; prescription: Prescription } | null;
  /** Clock handle of the wait for a kiosk whose socket dropped (null when none runs). */
  kioskGrace: unknown;
  /** Clock handle of the wait for a doctor whose console dropped (null when none runs). */
  doctorGrace: unknown;
  /** Last queue-updated sent, to send only changes. */
  lastQueueUpdate: string;
}

export interface NewConsultation {
  kioskId: string;
  sessionId: string;
  queueEntry: CallTicket['queueEntry'];
  identity: PatientIdentity | null;
  devices: DeviceStatus[];
  kiosk: KioskLink;
  joinedAt: number;
  bookedDoctorId?: string | null;
  appointmentAt?: number | null;
}

/** A consultation just queued: waiting, no doctor, no room. */
export function newConsultation(fields: NewConsultation): Consultation {
  return {
    ...fields,
    bookedDoctorId: fields.bookedDoctorId ?? null,
    appointmentAt: fields.appointmentAt ?? null,
    bookingEnded: null,
    id: randomUUID(),
    state: 'waiting',
    acceptedAt: null,
    doctor: null,
    doctorLink: null,
    room: null,
    note: emptyNote(),
    identityVerified: false,
    measurements: [],
    issued: null,
    kioskGrace: null,
    doctorGrace: null,
    lastQueueUpdate: '',
  };
}

/** What the doctor's console gets on accept and on rejoin. */
export function acceptedView(c: Consultation): AcceptedConsultation {
  return {
    consultationId: c.id,
    kioskId: c.kioskId,
    queueEntry: c.queueEntry,
    identity: c.identity,
    devices: c.devices,
    measurements: c.measurements,
    note: c.note,
  };
}

/** The report of a consultation that was in call (null when no doctor ever took it). */
export function consultationReport(
  c: Consultation,
  endedAt: number,
  prescription: Prescription | null,
): ConsultationReport | null {
  if (!c.doctor || c.acceptedAt === null) return null;
  return {
    consultationId: c.id,
    kioskId: c.kioskId,
    sessionId: c.sessionId,
    doctor: c.doctor,
    specialty: c.queueEntry.specialty,
    reason: c.queueEntry.reason,
    acceptedAt: new Date(c.acceptedAt).toISOString(),
    endedAt: new Date(endedAt).toISOString(),
    durationSeconds: (endedAt - c.acceptedAt) / 1000,
    identityVerified: c.identityVerified,
    measurements: c.measurements,
    note: c.note,
    prescription,
  };
}
