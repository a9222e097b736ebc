import type { Routed } from '../queue/routing';
import type { Consultation } from './consultation';

export interface BookedLookup {
  /**
   * The doctor and start of a checked-in appointment of this kiosk (issue 17), or null: a patient
   * whose appointment is unknown, not checked in or another kiosk's joins the live queue instead.
   */
  bookedAppointment?(kioskId: string, appointmentId: string): { doctorId: string; startsAt: number } | null;
}

/**
 * The booked doctor and start of a patient who checked in for an appointment (issue 17), looked up
 * by the platform from the id the kiosk sends: an unknown, not checked-in or other kiosk's
 * appointment gives nulls, and the patient waits in the live queue of their specialty and territory.
 */
export function bookedFields(
  lookup: BookedLookup['bookedAppointment'],
  kioskId: string,
  appointmentId: string | undefined,
): { bookedDoctorId: string | null; appointmentAt: number | null } {
  const booked = appointmentId ? (lookup?.(kioskId, appointmentId) ?? null) : null;
  return { bookedDoctorId: booked?.doctorId ?? null, appointmentAt: booked?.startsAt ?? null };
}

/** What routing reads of a consultation. */
export function routedOf(c: Consultation): Routed {
  return { ...c.queueEntry, bookedDoctorId: c.bookedDoctorId };
}
