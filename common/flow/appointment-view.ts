import { z } from 'zod';
import {
  AppointmentChoices,
  AppointmentRefusal,
  AppointmentTicket,
  BookingEnded,
  CancelReason,
  ReminderStatus,
} from '../routing/appointments';

/**
 * The booking's paper ticket: `printing` while the cabin's printer works on it, `printed` once the
 * printer reported the job completed, `no-paper` or `failed` (the screen says to photograph it or
 * ask the pharmacist), `unavailable` when the cabin has no printer.
 */
export const TicketPrint = z.enum(['printing', 'printed', 'no-paper', 'failed', 'unavailable']);
export type TicketPrint = z.infer<typeof TicketPrint>;

/**
 * The appointment part of a session (issue 17), as the screens see it:
 * - `ticket`: the booking just made, shown (and printed when a printer is configured) on `booked`;
 * - `checkedIn`: the booking recognised at check-in (the patient waits for that doctor);
 * - `late`: the patient came more than 10 minutes late, or the doctor cancelled: the live queue's wait now;
 * - `checkingIn`: the session began with "I have an appointment" (the emergency question leads to check-in).
 */
export const AppointmentView = z.object({
  checkingIn: z.boolean(),
  ticket: AppointmentTicket.extend({
    reminder: ReminderStatus,
    /** How long before the slot the queued reminder goes. */
    reminderHours: z.number().int().nullable(),
    print: TicketPrint,
  }).nullable(),
  checkedIn: z.object({ appointmentId: z.string(), doctorName: z.string(), startsAt: z.string() }).nullable(),
  late: z
    .object({
      startsAt: z.string(),
      now: AppointmentChoices.shape.now,
      /** Set when the doctor cancelled the appointment (not the patient's lateness): the reason told. */
      cancelReason: CancelReason.optional(),
    })
    .nullable(),
  /**
   * The appointment ended while the patient waited in the doctor's room (the doctor cancelled, or is
   * gone): they are now in the live queue, told why on the waiting screen with its wait.
   */
  ended: z.object({ doctorName: z.string(), startsAt: z.string(), why: BookingEnded }).nullable(),
  /** The last check-in refusal other than lateness, shown on the check-in screen with the next best choice. */
  refusal: AppointmentRefusal.nullable(),
});
export type AppointmentView = z.infer<typeof AppointmentView>;

export const NO_APPOINTMENT: AppointmentView = {
  checkingIn: false,
  ticket: null,
  checkedIn: null,
  late: null,
  ended: null,
  refusal: null,
};
