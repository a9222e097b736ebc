import type { DoctorScope } from '../../common/routing/doctor-scope';
import type { CallTicket } from '../../common/signaling/call-ticket';

/**
 * What routing reads of a waiting patient: the specialty asked for, the pharmacy's territory and,
 * for a patient who checked in for an appointment, the doctor they booked (issue 17).
 */
export type Routed = Pick<CallTicket['queueEntry'], 'specialty' | 'territory'> & { bookedDoctorId?: string | null };

/**
 * Whether a doctor may take this patient: the specialty asked for is one of theirs and the
 * pharmacy is in one of their territories. The one rule behind the doctors' lists, the accept and
 * the estimates. A request for a paediatrician (the kiosk's choice for a child under 16) therefore
 * reaches paediatricians only; an account without a scope takes nobody. A patient with an
 * appointment waits in their doctor's room: no other doctor sees them (`doctorId` is the asking
 * doctor's; without it, such a patient is nobody's).
 */
export function canTake(scope: DoctorScope | null, patient: Routed, doctorId?: string): boolean {
  if (patient.bookedDoctorId && patient.bookedDoctorId !== doctorId) return false;
  return (
    scope !== null && scope.specialties.includes(patient.specialty) && scope.territories.includes(patient.territory)
  );
}

/** Two patients wait in the same live queue when they ask for the same specialty in the same territory. */
export function sameQueue(a: Routed, b: Routed): boolean {
  return a.specialty === b.specialty && a.territory === b.territory;
}

/** One string per queue (specialty and territory), to group a queue's patients in one pass. */
export function queueKey(routed: Routed): string {
  return `${routed.specialty}\u0000${routed.territory}`;
}
