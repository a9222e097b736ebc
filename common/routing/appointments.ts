import { z } from 'zod';
import { Specialty } from '../flow/care-pathway';

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
  specialty: Specialty,
  ageYears: z.number().int().min(0).max(130),
  ownDoctorRpps: z
    .string()
    .regex(/^\d{11}$/)
    .optional(),
});

/** A booked appointment's ticket: when, with whom, and the signed token its QR code carries. */
export const AppointmentTicket = z.object({
  appointmentId: z.string(),
  doctorName: z.string(),
  startsAt: z.iso.datetime(),
  token: z.string(),
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
 * - `cancelled`: the doctor cancelled the appointment.
 */
export const AppointmentRefusal = z.enum([
  'slot-taken',
  'cabin-busy',
  'ticket-invalid',
  'ticket-expired',
  'other-pharmacy',
  'too-early',
  'late',
  'cancelled',
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
