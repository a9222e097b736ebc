import type { Measurement } from '../devices/measurement';
import type { PatientIdentity } from '../identity/identity';
import type { SessionOutcome } from './session-outcome';

/**
 * One consultation as held by the kiosk store or the platform's records: what the FHIR export
 * (common/fhir) turns into a Bundle. Measurements are in the order they were taken.
 */
export interface ConsultationRecord {
  sessionId: string;
  kioskId: string;
  /** ISO 8601; null on the platform while the session's opening record has not arrived. */
  startedAt: string | null;
  /** ISO 8601; null while the session is open. */
  endedAt: string | null;
  outcome: SessionOutcome | null;
  /** Null when the patient gave none, or once purged from the kiosk. */
  identity: PatientIdentity | null;
  measurements: Measurement[];
}
