import { z } from 'zod';
import { AuscultationReport } from '../../auscultation/auscultation';
import { AuscultationSite } from '../../auscultation/sites';
import { ExamCameraReport } from '../../exam-camera/exam-camera';
import { MediaState } from '../../consultation/media-state';
import { DeviceStatus } from '../../devices/device-status';
import { MeasurementKind } from '../../devices/kinds';
import { PatientIdentity } from '../../identity/identity';
import { QueueWait } from '../../routing/queue-wait';
import { BookingEnded } from '../../routing/appointments';
import { CallTicket } from '../call-ticket';
import { ConsultationState, DoctorInfo } from './consultation';
import type { ResponseFrame } from './frames';
import { IceServerError, MediaMethods } from './media';
import { method, Nothing, requestUnion, type MethodTable, type RequestFrame } from './method-table';
import { E, platformFrames, RoomEvents } from './room-events';

/** Requests a kiosk screen may send. The first must be `join-queue`; anything else before it is refused. */
export const KioskMethods = {
  /**
   * Joins (or, with the same sessionId after a network cut, rejoins) the waiting queue. The token is
   * the CallTicket's short-lived token. A rejoin of a consultation already in call returns
   * state 'in-call': the kiosk renegotiates its media (new transports) in the same room.
   */
  'join-queue': method(
    {
      token: CallTicket.shape.token,
      sessionId: CallTicket.shape.sessionId,
      queueEntry: CallTicket.shape.queueEntry,
      /** The identity for the doctor to check against the face (shown only after accept). */
      identity: PatientIdentity.nullable(),
      /** The kiosk's devices, so the doctor sees which measurements are possible. */
      devices: z.array(DeviceStatus).max(20),
    },
    z.object({
      consultationId: z.string(),
      state: ConsultationState,
      /** 1-based place in the patient's queue (specialty and territory); 0 when in call. */
      position: z.number().int().min(0),
      /** What the patient may be told about the wait; null when in call. */
      wait: QueueWait.nullable(),
      /** Set when state is 'in-call' (a rejoin). */
      doctor: DoctorInfo.nullable(),
      /** The ticket whose kept place this session took (the pharmacist brought the patient back). */
      resumedTicket: z.number().int().min(1).nullable().optional(),
    }),
  ),
  'leave-queue': method({}, Nothing),
  /**
   * The waiting patient leaves the cabin keeping their place (server/calls/away-places.ts): the
   * answer is their ticket, how long the place is held once they are called back, and whether a
   * portal of the pharmacy is open now (else the screen sends them to the counter, not "we will call").
   */
  'step-away': method(
    {
      phone: z
        .string()
        .regex(/^0[1-9]( \d{2}){4}$/)
        .nullable(),
    },
    z.object({ ticket: z.number().int().min(1), holdMinutes: z.number().int().min(1), portalOpen: z.boolean() }),
  ),
  /** Device availability changed (a device unplugged, calibration expired). */
  'update-devices': method({ devices: z.array(DeviceStatus).max(20) }, Nothing),
  /** The kiosk's media situation, shown to the doctor ("reconnecting", "audio only"). */
  'report-media-state': method(
    {
      state: MediaState,
      /** A TURN server failed the kiosk (logged by the platform with what to fix). */
      iceServerError: IceServerError.optional(),
    },
    Nothing,
  ),
  /** The stethoscope's sound is sent, could not be, or stopped (relayed to the doctor). */
  'report-auscultation': method({ report: AuscultationReport }, Nothing),
  /** The examination camera is sent, could not be, or stopped (relayed to the doctor). */
  'report-exam-camera': method({ report: ExamCameraReport }, Nothing),
  ...MediaMethods,
} satisfies MethodTable;

export type KioskMethods = typeof KioskMethods;
export type KioskMethodName = keyof KioskMethods;

/** Every frame a kiosk may send. */
export const KioskToPlatform = requestUnion(KioskMethods);
export type KioskToPlatform = RequestFrame<KioskMethods>;

/** Every frame the platform sends a kiosk. */
export const PlatformToKiosk = platformFrames([
  /** Honest wait: sent whenever the position or the wait changes (the join's response carries the first). */
  E('queue-updated', {
    consultationId: z.string(),
    /** 1-based place in the patient's queue (same specialty and territory). */
    position: z.number().int().min(1),
    wait: QueueWait,
    /** Sent once when the patient's appointment ended in the waiting room: they are now in the live queue. */
    bookingEnded: BookingEnded.optional(),
  }),
  E('doctor-accepted', { consultationId: z.string(), doctor: DoctorInfo }),
  /**
   * This patient is next (the head of their queue): open the call's transports and produce the
   * camera and microphone PAUSED in the room the platform opened, so that the accept only resumes
   * them. Nothing may leave the cabin before doctor-accepted.
   */
  E('prepare-media', { consultationId: z.string() }),
  /** The prepared room was closed (the patient is no longer next, or it was lost): close what was prepared. */
  E('release-media', { consultationId: z.string() }),
  E('measurement-requested', { consultationId: z.string(), kind: MeasurementKind }),
  E('identity-verified', { consultationId: z.string(), verified: z.boolean() }),
  /** Guide the patient to put the stethoscope on `site` and send its sound (a new request replaces the site). */
  E('auscultation-requested', { consultationId: z.string(), site: AuscultationSite }),
  /** The doctor is done listening: stop sending the stethoscope. */
  E('auscultation-ended', { consultationId: z.string() }),
  /** Guide the patient to pick up the examination camera and send it at its native size. */
  E('exam-camera-requested', { consultationId: z.string() }),
  /** The doctor is done with the examination camera: stop sending it. */
  E('exam-camera-ended', { consultationId: z.string() }),
  ...RoomEvents,
]);
export type PlatformToKiosk = z.infer<typeof PlatformToKiosk>;

/** Event frames only (no responses). */
export type KioskEvent = Exclude<PlatformToKiosk, ResponseFrame>;
