import {
  APPOINTMENTS_API,
  type AppointmentListItem,
  type CancelReason,
  type SlotPlan,
} from '../common/routing/appointments';
import { bearerHeader } from './platform-client';

export interface DoctorAppointments {
  plan: SlotPlan | null;
  appointments: AppointmentListItem[];
}

/** The doctor's slot plan and appointments (server/appointments/appointment-routes.ts). */
export async function loadAppointments(): Promise<DoctorAppointments> {
  const res = await fetch(APPOINTMENTS_API.doctorSlots, { headers: bearerHeader(window.sessionStorage) });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return (await res.json()) as DoctorAppointments;
}

export async function publishPlan(plan: SlotPlan): Promise<void> {
  const res = await fetch(APPOINTMENTS_API.doctorPlan, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...bearerHeader(window.sessionStorage) },
    body: JSON.stringify(plan),
  });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
}

/** Cancels one of the doctor's appointments with a reason the patient is told (issue 17). */
export async function cancelAppointment(id: string, reason: CancelReason): Promise<void> {
  const res = await fetch(APPOINTMENTS_API.doctorCancel.replace(':id', encodeURIComponent(id)), {
    method: 'POST',
    headers: { ...bearerHeader(window.sessionStorage), 'content-type': 'application/json' },
    body: JSON.stringify({ reason }),
  });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
}

/** Cancels every appointment of the doctor still to come today or waiting, with one reason; how many. */
export async function cancelRestOfDay(reason: CancelReason): Promise<number> {
  const res = await fetch(APPOINTMENTS_API.doctorCancelDay, {
    method: 'POST',
    headers: { ...bearerHeader(window.sessionStorage), 'content-type': 'application/json' },
    body: JSON.stringify({ reason }),
  });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return ((await res.json()) as { cancelled: number }).cancelled;
}
