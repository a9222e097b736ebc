import { z } from 'zod';
import { Prescription } from '../consultation/prescription';
import { CarePathwayAnswers, Specialty } from './care-pathway';
import { MeasurementKind } from '../devices/kinds';
import { QueueWait } from '../routing/queue-wait';
import { BookingEnded } from '../routing/appointments';
import { AuscultationFailure } from '../auscultation/auscultation';
import { AuscultationSite } from '../auscultation/sites';
import { ExamCameraFailure } from '../exam-camera/exam-camera';
import { SteppedAway } from './stepped-away';
import { SECONDARY_USES, SecondaryUseAnswer } from '../consent/consent-record';

/**
 * What the renderer may ask of the flow machine. The machine decides whether it applies in the
 * current state (an intention that does not apply is ignored and logged by type, never an error).
 * Card, device and timer events do not come from the renderer: main feeds them to the machine.
 *
 * The CALL_* / DOCTOR_* / QUEUE_* intentions are forwarded by renderer/streaming from the platform's
 * signalling (the media session lives in the renderer, where WebRTC is).
 */
const I = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({ type: z.literal(type), ...shape }).strict();
const Empty = {} as const;

export const FlowIntention = z.discriminatedUnion('type', [
  I('START', Empty),
  I('CANCEL', Empty),
  I('BACK', Empty),
  I('HELP', Empty),
  /** Any touch: resets the idle timer; answers the idle warning. */
  I('ACTIVITY', Empty),
  I('EMERGENCY_NONE', Empty),
  I('EMERGENCY_PRESENT', Empty),
  I('TYPE_DETAILS', Empty),
  I('RETRY_CARD', Empty),
  I('MANUAL_SUBMIT', {
    lastName: z.string().max(200),
    firstName: z.string().max(200),
    birthDate: z.string().max(20),
    nir: z.string().max(30),
    /**
     * The path without an NIR (foreign patient, no card): the INS traits the NIR would have given,
     * typed. Absent on the path with an NIR.
     */
    withoutNir: z
      .object({
        sex: z.enum(['M', 'F', 'I', '']),
        birthplaceCode: z.string().max(5),
        usedName: z.string().max(200),
      })
      .optional(),
  }),
  /** On identify-choose: the beneficiary at this index of the card's readable ones. */
  I('CHOOSE_BENEFICIARY', { index: z.number().int().min(0).max(15) }),
  I('CONFIRM_IDENTITY', Empty),
  I('REJECT_IDENTITY', Empty),
  I('CARE_PATHWAY_SUBMIT', { answers: CarePathwayAnswers }),
  I('LOCALITY_SUBMIT', { value: z.string().min(1).max(100) }),
  I('LOCALITY_REFUSE', Empty),
  I('CONSENT_SUBMIT', {
    teleconsultation: z.boolean(),
    secondaryUse: z.boolean(),
    /** The language and the SHA-256 (hex) of exactly the text the screen showed (common/consent/consent-text.ts). */
    language: z.enum(['fr', 'en', 'es', 'ar']).optional(),
    textSha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
    /** The teleconsultation text's version in the language shown (each language's text has its own). */
    textVersion: z.string().min(1).max(40).optional(),
    /** Each secondary use's yes/no with its own text's version and hash (common/consent/consent-record.ts). */
    uses: z.array(SecondaryUseAnswer).max(SECONDARY_USES.length).optional(),
  }),
  I('REASON_SUBMIT', { specialty: Specialty, text: z.string().max(1000) }),
  I('CONTACT_SUBMIT', { email: z.string().max(200).nullable(), phone: z.string().max(30).nullable() }),
  I('LEAVE_QUEUE', Empty),
  /** The platform kept the patient's place (renderer/streaming, after `step-away`): show the ticket. */
  I('STEPPED_AWAY', SteppedAway.shape),
  I('MEASUREMENT_READY', Empty),
  I('MEASUREMENT_CONFIRM', Empty),
  I('MEASUREMENT_RETRY', Empty),
  /** The stethoscope could not be sent: the patient goes back to the doctor (who is told). */
  I('AUSCULTATION_CLOSE', Empty),
  /** The examination camera could not be sent: the patient goes back to the doctor (who is told). */
  I('EXAM_CAMERA_CLOSE', Empty),
  I('RATE', { stars: z.number().int().min(1).max(5) }),
  I('FINISH', Empty),
  // Appointments (issue 17): the choice after the contact, and the check-in of a booked patient.
  I('WHEN_NOW', Empty),
  I('CHECK_IN', Empty),
  I('CHECK_IN_RETRY', Empty),
  I('CHECK_IN_WALK_IN', Empty),
  I('JOIN_LIVE_QUEUE', Empty),
  // Late or cancelled at check-in: book another slot instead (the reason and contact are the booking's).
  I('CHECK_IN_OTHER_SLOT', Empty),
  // From the platform, through renderer/streaming:
  I('QUEUE_UPDATED', { position: z.number().int().min(0), wait: QueueWait, bookingEnded: BookingEnded.optional() }),
  I('DOCTOR_ACCEPTED', Empty),
  I('DOCTOR_REQUESTED_MEASUREMENT', { kind: MeasurementKind }),
  I('DOCTOR_ENDED_CALL', { prescription: Prescription.nullable() }),
  I('DOCTOR_REQUESTED_AUSCULTATION', { site: AuscultationSite }),
  I('DOCTOR_ENDED_AUSCULTATION', Empty),
  // From renderer/streaming itself, which opens the stethoscope and sends its sound:
  I('AUSCULTATION_STREAMING', Empty),
  I('AUSCULTATION_FAILED', { failure: AuscultationFailure }),
  I('DOCTOR_REQUESTED_EXAM_CAMERA', Empty),
  I('DOCTOR_ENDED_EXAM_CAMERA', Empty),
  // From renderer/streaming itself, which opens the examination camera and sends it:
  I('EXAM_CAMERA_STREAMING', Empty),
  I('EXAM_CAMERA_FAILED', { failure: ExamCameraFailure }),
  I('CALL_CONNECTION_LOST', Empty),
  I('CALL_CONNECTION_RESTORED', Empty),
  I('CALL_AUDIO_ONLY', Empty),
]);
export type FlowIntention = z.infer<typeof FlowIntention>;
