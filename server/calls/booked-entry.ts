import type { Routed } from '../queue/routing';
import type { Consultation } from './consultation';

export interface BookedLookup {
  /**
   * The doctor and start of a checked-in appointment of this kiosk (issue 17), or null: a patient
   * whose appointment is unknown, not checked in or another kiosk's joins the live queue instead.
   */
  bookedAppointment?(kioskId: string, appointmentId: string): Promise<{ doctorId: string; startsAt: number } | null>;
}

/**
 * The booked doctor and start of a patient who checked in for an appointment (issue 17), looked up
 * by the platform from the id the kiosk sends: an unknown, not checked-in or other kiosk's
 * appointment gives nulls, and the patient waits in the live queue of their specialty and territory.
 */
export async function bookedFields(
  lookup: BookedLookup['bookedAppointment'],
  kioskId: string,
  appointmentId: string | undefined,
): Promise<BookedFields> {
  const booked = appointmentId ? ((await lookup?.(kioskId, appointmentId)) ?? null) : null;
  return { bookedDoctorId: booked?.doctorId ?? null, appointmentAt: booked?.startsAt ?? null };
}

export interface BookedFields {
  bookedDoctorId: string | null;
  appointmentAt: number | null;
}

/** A patient with no appointment: the live queue of their specialty and territory. */
export const NOT_BOOKED: BookedFields = { bookedDoctorId: null, appointmentAt: null };

/** What routing reads of a consultation. */
export function routedOf(c: Consultation): Routed {
  return { ...c.queueEntry, bookedDoctorId: c.bookedDoctorId };
}

/** The booked doctors' rooms when that doctor is not coming (booked-release.ts), beside the entry. */
export { BookedRooms } from './booked-release';
