import type { DoctorInfo } from '../../../common/signaling/messages';
import { memoryReadGate } from '../../access/testing/memory-read-gate';
import type { DoctorConsultationOf } from '../auscultation-clip-routes';
import type { MediaReadDeps } from '../consultation-media-reads';

export const CONSULTATION = {
  consultationId: 'c-1',
  sessionId: '0b7c3f3e-6c54-4d2b-9a6f-3a1f9e2d8c01',
  kioskId: 'kiosk-1',
  doctorRpps: '10000000001',
};
/** The doctor who took the consultation (in call until `endCall`), and another doctor. */
export const DOCTOR = { authorization: 'Bearer doctor-in-call' };
export const OTHER = { authorization: 'Bearer another-doctor' };
const DOCTORS: Record<string, DoctorInfo> = {
  [DOCTOR.authorization]: { id: 'd-1', name: 'Dr Claire Martin', rpps: '10000000001' },
  [OTHER.authorization]: { id: 'd-2', name: 'Dr Paul Durand', rpps: '10000000002' },
};
export const OTHER_DOCTOR_ID = 'd-2';

/**
 * What the clip and still routes need, on an in-memory read gate: DOCTOR took part in CONSULTATION
 * and is in call with it until `endCall()`; OTHER is a signed-in doctor who did not take part.
 */
export function mediaRoutesDeps() {
  const gate = memoryReadGate((headers) => {
    const doctor = DOCTORS[headers.authorization ?? ''];
    return doctor ? { kind: 'doctor', doctor } : null;
  });
  const { consultationId, sessionId, kioskId } = CONSULTATION;
  // The in-memory SQLite store writes before its promise returns: written when the routes run.
  void gate.access.recordParticipation({ consultationId, sessionId, kioskId, doctorId: 'd-1', at: 0 });
  let inCall = true;
  const consultationOf: DoctorConsultationOf = (headers, id) =>
    inCall && headers.authorization === DOCTOR.authorization && id === consultationId ? CONSULTATION : null;
  const deps: MediaReadDeps & { consultationOf: DoctorConsultationOf } = {
    reads: gate.reads,
    sessionOf: (id) => gate.access.sessionOf(id),
    consultationOf,
  };
  return {
    deps,
    access: gate.access,
    accessLog: gate.accessLog,
    endCall: () => {
      inCall = false;
    },
  };
}
