import type { DoctorInfo } from '../../common/signaling/messages';
import type { Consultation } from './consultation';
import type { PrescriptionDestination } from './prescription-issuer';
import { prescriptionPatient } from './prescription-patient';

/**
 * A consultation in call with a doctor as the HTTP routes need it: its kiosk session (the records
 * are keyed by it) and, for the prescription preview, where the prescription would go (the patient
 * as the ordonnance names them, the specialty). Server-side only: never sent as such.
 */
export interface InCallRef {
  consultationId: string;
  sessionId: string;
  kioskId: string;
  doctorRpps: string;
  destination: PrescriptionDestination;
}

export function inCallRef(c: Consultation, doctor: DoctorInfo): InCallRef {
  return {
    consultationId: c.id,
    sessionId: c.sessionId,
    kioskId: c.kioskId,
    doctorRpps: doctor.rpps,
    destination: {
      consultationId: c.id,
      kioskId: c.kioskId,
      specialty: c.queueEntry.specialty,
      ...(c.identity && { patient: prescriptionPatient(c.identity) }),
    },
  };
}
