import { z } from 'zod';
import { CarePathwayAnswers, Specialty } from '../flow/care-pathway';
import { PatientIdentity } from '../identity/identity';
import { Territory } from './territory';

/** HH:MM, 24 h, in France (Europe/Paris): the hours a doctor's slots run. */
const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 24 h');

/**
 * A doctor's bookable slots as published from the console: every `lengthMinutes` from `from` to
 * `to` on the given ISO weekdays (1 Monday … 7 Sunday), in France's time.
 */
export const SlotPlan = z
  .object({
    lengthMinutes: z.number().int().min(10).max(60),
    days: z.array(z.number().int().min(1).max(7)).min(1).max(7),
    from: ClockTime,
    to: ClockTime,
  })
  .refine((p) => p.from < p.to, { message: 'the slots must end after they start', path: ['to'] });
export type SlotPlan = z.infer<typeof SlotPlan>;

/** One bookable slot offered to a patient. */
export const SlotOffer = z.object({
  doctorId: z.string(),
  doctorName: z.string(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
});
export type SlotOffer = z.infer<typeof SlotOffer>;

/**
 * The three choices after the reason, each with its time (issue 17 item 2): the live queue's wait
 * (no minutes when no doctor is on duty), the first slots of the next 7 days that fit the cabin, and
 * the patient's own doctor's slots when that doctor is on the platform.
 */
export const AppointmentChoices = z.object({
  now: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('no-doctor') }),
    z.object({ kind: z.literal('estimate'), minutes: z.number().int().min(1) }),
  ]),
  slots: z.array(SlotOffer),
  ownDoctor: z
    .object({ name: z.string(), slots: z.array(SlotOffer) })
    .nullable()
    .optional(),
});
export type AppointmentChoices = z.infer<typeof AppointmentChoices>;

/** What the kiosk asks for the choices: the specialty, and the médecin traitant's RPPS when typed. */
export const ChoicesRequest = z.object({
  territory: z.string().regex(/^(0[1-9]|1\d|[3-8]\d|9[0-5]|2[1-9]|2A|2B|97[1-6])$/),
  specialty: Specialty,
  ageYears: z.number().int().min(0).max(130),
  ownDoctorRpps: z
    .string()
    .regex(/^\d{11}$/)
    .optional(),
});

/**
 * The alphabet of booking codes: capitals and digits nobody mistakes for one another when the
 * pharmacist says or writes them (no 0/O/D/Q, 1/I/L, 2/Z, 5/S, 8/B, 6/G, U/V).
 */
export const BOOKING_CODE_ALPHABET = 'ACEFHJKMNPRTWXY3479';
export const BOOKING_CODE_LENGTH = 6;

/** The code as typed: capitals, without spaces or dashes (a pharmacist may say it in two halves). */
export function normaliseBookingCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}

/** A booking's short code as typed at the kiosk (server/appointments/booking-code.ts derives it). */
export const BookingCode = z
  .string()
  .max(16)
  .transform(normaliseBookingCode)
  .pipe(z.string().regex(new RegExp(`^[${BOOKING_CODE_ALPHABET}]{${BOOKING_CODE_LENGTH}}$`)));

/**
 * A booked appointment's ticket: when, with whom, the signed token its QR code carries, and the
 * short code a patient types when the QR code is not at hand (said by phone, written at the counter).
 */
export const AppointmentTicket = z.object({
  appointmentId: z.string(),
  doctorName: z.string(),
  startsAt: z.iso.datetime(),
  token: z.string(),
  code: z.string(),
});
export type AppointmentTicket = z.infer<typeof AppointmentTicket>;

/**
 * Why a booking or a check-in was refused, each with its plain message on the screens:
 * - `slot-taken`: someone booked it first (the next slots are offered again);
 * - `cabin-busy`: the cabin is taken then (another appointment, or its hygiene time);
 * - `ticket-invalid`: the QR code is not one of the platform's (forged, damaged);
 * - `ticket-expired`: the appointment is over, or was more than a day ago;
 * - `other-pharmacy`: the ticket is for another pharmacy's cabin;
 * - `too-early`: more than 30 minutes before the slot;
 * - `late`: more than 10 minutes after the start: the slot is lost, the live queue is offered;
 * - `cancelled`: the doctor cancelled the appointment;
 * - `no-booking`: no booking of this cabin around today for this Carte Vitale or booking code;
 * - `too-many-tries`: too many wrong booking codes at this kiosk: typing is refused for a while.
 */
/**
 * Why a doctor cancelled an appointment, from the console's short list (never free text: it is told
 * to the patient by SMS, e-mail and at the kiosk, in their language, and holds no health data).
 */
export const CancelReason = z.enum(['unavailable', 'emergency']);
export type CancelReason = z.infer<typeof CancelReason>;

/**
 * Why a patient waiting in their booked doctor's room is moved to the live queue (said in the
 * waiting room with the live queue's wait): the doctor cancelled, or their console was gone for
 * longer than the doctor's grace period — never a patient waiting for a doctor who is not coming.
 */
export const BookingEnded = z.discriminatedUnion('cause', [
  z.object({ cause: z.literal('cancelled'), reason: CancelReason }),
  z.object({ cause: z.literal('doctor-gone') }),
]);
export type BookingEnded = z.infer<typeof BookingEnded>;

export const AppointmentRefusal = z.enum([
  'slot-taken',
  'cabin-busy',
  'ticket-invalid',
  'ticket-expired',
  'other-pharmacy',
  'too-early',
  'late',
  'cancelled',
  'no-booking',
  'too-many-tries',
]);
export type AppointmentRefusal = z.infer<typeof AppointmentRefusal>;

/** How late a patient may check in (issue 17 item 3). */
export const LATE_AFTER_MINUTES = 10;
/** How early a check-in is accepted. */
export const EARLY_CHECK_IN_MINUTES = 30;
/** How far ahead slots are offered. */
export const BOOKING_HORIZON_DAYS = 7;
/** Time kept free after each patient for the cabin's cleaning (issue 17 item 5). */
export const HYGIENE_MINUTES = 5;

/**
 * What the kiosk keeps on the platform with a booking, handed back at check-in so the patient is
 * not asked again (consents excepted: asked again on the day). Health data: kept in the records
 * database under its key, never in a log or an e-mail.
 */
export const BookedIntake = z.object({
  identity: PatientIdentity.nullable(),
  carePathway: CarePathwayAnswers.nullable(),
  locality: z.string().max(200).nullable(),
  reason: z.object({ specialty: Specialty, text: z.string().max(1000) }),
  contact: z.object({ email: z.string().max(254).nullable(), phone: z.string().max(40).nullable() }),
});
export type BookedIntake = z.infer<typeof BookedIntake>;

export const ReminderStatus = z.enum(['queued', 'not-asked', 'unavailable']);
export type ReminderStatus = z.infer<typeof ReminderStatus>;

/** The kiosk's booking request (its territory is its config's). */
export const BookingRequest = z.object({
  territory: Territory,
  doctorId: z.string().max(64),
  startsAt: z.iso.datetime(),
  intake: BookedIntake,
  /** Remind the patient before the slot, by e-mail and/or SMS to the intake's contact (no health data in it). */
  remind: z.boolean(),
});

export const CheckInRequest = z.union([
  z.object({ token: z.string().min(10).max(600) }),
  z.object({ nir: z.string().regex(/^\d{13,15}$/) }),
  z.object({ code: BookingCode }),
]);

/** A check-in's answer: the appointment and its intake, or the refusal with what to do next. */
export const CheckInAnswer = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    appointmentId: z.string(),
    doctorName: z.string(),
    startsAt: z.iso.datetime(),
    intake: BookedIntake,
  }),
  z.object({
    ok: z.literal(false),
    refusal: AppointmentRefusal,
    /** Why the doctor cancelled (refusal `cancelled`). */
    cancelReason: CancelReason.optional(),
    /** For a late patient or a cancelled appointment: the live queue's wait now, for the same specialty. */
    now: AppointmentChoices.shape.now.optional(),
    /** The appointment's intake, so a late patient goes to the live queue without answering again. */
    intake: BookedIntake.optional(),
    startsAt: z.iso.datetime().optional(),
  }),
]);
export type CheckInAnswer = z.infer<typeof CheckInAnswer>;

export const BookingAnswer = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    ticket: AppointmentTicket,
    /**
     * The reminder asked for: `queued` (kept with the booking, sent `reminderHours` before the slot by
     * e-mail and/or SMS to the contact given), `not-asked`, or `unavailable` (the platform has no
     * e-mail or SMS sending for the contact given: the screen promises nothing).
     */
    reminder: ReminderStatus,
    reminderHours: z.number().int().min(1).max(72).optional(),
  }),
  z.object({ ok: z.literal(false), refusal: AppointmentRefusal, slots: z.array(SlotOffer) }),
]);
export type BookingAnswer = z.infer<typeof BookingAnswer>;

/** One appointment as a doctor's console or the pharmacist's portal lists it (no identity). */
export const AppointmentListItem = z.object({
  id: z.string(),
  doctorName: z.string(),
  kioskId: z.string(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  specialty: Specialty,
  status: z.enum(['booked', 'checked-in', 'missed', 'cancelled']),
  bookedBy: z.enum(['kiosk', 'pharmacist']),
  /** Why the doctor cancelled it (status `cancelled`). */
  cancelReason: CancelReason.nullable().optional(),
});
export type AppointmentListItem = z.infer<typeof AppointmentListItem>;

export const APPOINTMENTS_API = {
  /** POST, kiosk credential: ChoicesRequest & { territory } → AppointmentChoices. */
  kioskChoices: '/api/kiosk/appointments/choices',
  /** POST, kiosk credential: BookingRequest → BookingAnswer (409 when refused). */
  kioskBook: '/api/kiosk/appointments',
  /** POST, kiosk credential: CheckInRequest → CheckInAnswer. */
  kioskCheckIn: '/api/kiosk/appointments/check-in',
  /** GET, doctor session → { plan, appointments }; PUT SlotPlan → { plan }. */
  doctorSlots: '/api/doctor/appointments',
  doctorPlan: '/api/doctor/slot-plan',
  /** POST { reason: CancelReason }, doctor session: cancels one of the doctor's appointments (booked or checked in). */
  doctorCancel: '/api/doctor/appointments/:id/cancel',
  /** POST { reason: CancelReason }, doctor session: cancels the rest of the doctor's day → { cancelled: n }. */
  doctorCancelDay: '/api/doctor/appointments/cancel-rest-of-day',
  /** GET ?day=YYYY-MM-DD, pharmacist session → the pharmacy's cabins' appointments that day. */
  pharmacyDay: '/api/pharmacy/appointments',
  /** POST, pharmacist session: PharmacySlotsRequest → { slots } for a counter or phone booking. */
  pharmacySlots: '/api/pharmacy/appointments/slots',
} as const;

/** One cabin's appointments on a day, as the pharmacist's portal shows them (no patient data). */
export const PharmacyDay = z.object({
  day: z.string(),
  cabins: z.array(z.object({ kioskId: z.string(), label: z.string(), appointments: z.array(AppointmentListItem) })),
});
export type PharmacyDay = z.infer<typeof PharmacyDay>;

/** The slots a pharmacist is offered for one of their cabins (the cabin's département is sent). */
export const PharmacySlotsRequest = z.object({ kioskId: z.string(), territory: Territory, specialty: Specialty });
export type PharmacySlotsRequest = z.infer<typeof PharmacySlotsRequest>;

/** A counter booking's answer: the ticket, or the refusal (409) with the slots still free. */
export const PharmacyBookingAnswer = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), ticket: AppointmentTicket }),
  z.object({ ok: z.literal(false), refusal: AppointmentRefusal, slots: z.array(SlotOffer) }),
]);
export type PharmacyBookingAnswer = z.infer<typeof PharmacyBookingAnswer>;
