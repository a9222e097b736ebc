import type { Prescription } from '../../common/consultation/prescription';
import type { DoctorInfo, PrescriptionDraft } from '../../common/signaling/messages';
import { createLogger } from '../../common/util/logger';
import type { Consultation } from './consultation';
import type { PrescriptionIssuer } from './prescription-issuer';
import { prescriptionPatient } from './prescription-patient';
import { SignalFailure } from './signal-failure';

const log = createLogger('platform:calls');

/** A consultation's prescription being stored, by draft: a second end-call meanwhile waits for it. */
const inFlight = new WeakMap<Consultation, { draft: string; issuing: Promise<Prescription> }>();

/**
 * The prescription of this end of the call: the one a failed attempt already issued when the
 * draft is the same (a retry does not use a second number), else a new one. A prescription that
 * cannot be stored keeps the call open.
 */
export async function issueOnce(
  prescriptions: PrescriptionIssuer,
  c: Consultation,
  doctor: DoctorInfo,
  draft: PrescriptionDraft,
): Promise<Prescription> {
  const key = JSON.stringify(draft);
  if (c.issued?.draft === key) return c.issued.prescription;
  const pending = inFlight.get(c);
  if (pending?.draft === key) return pending.issuing;
  const issuing = issueFor(prescriptions, c, doctor, draft);
  inFlight.set(c, { draft: key, issuing });
  try {
    const prescription = await issuing;
    c.issued = { draft: key, prescription };
    return prescription;
  } finally {
    if (inFlight.get(c)?.issuing === issuing) inFlight.delete(c);
  }
}

async function issueFor(
  prescriptions: PrescriptionIssuer,
  c: Consultation,
  doctor: DoctorInfo,
  draft: PrescriptionDraft,
): Promise<Prescription> {
  try {
    return await prescriptions.issue(draft, doctor, {
      consultationId: c.id,
      kioskId: c.kioskId,
      specialty: c.queueEntry.specialty,
      ...(c.identity && { patient: prescriptionPatient(c.identity) }),
    });
  } catch (error) {
    log.error(`consultation ${c.id}: prescription not stored, the call stays open: ${(error as Error).message}`);
    throw new SignalFailure(
      'internal',
      'the prescription could not be stored, so the consultation is not ended: your notes and prescription are kept; try again',
    );
  }
}
