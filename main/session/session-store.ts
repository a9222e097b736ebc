import type { Measurement } from '../../common/devices/measurement';
import type { CarePathwayAnswers, Specialty } from '../../common/flow/care-pathway';
import type { PatientIdentity } from '../../common/identity/identity';
import type { FlowOutcome } from '../../common/records/session-outcome';
import type { SecondaryUseAnswer } from '../../common/consent/consent-record';

/**
 * What the patient flow writes about a session. Implemented by the kiosk store (main/db) over
 * SQLite; the flow machine (main/flow) depends only on this, so its tests use an in-memory one.
 *
 * Every method is synchronous and durable when it returns (better-sqlite3 commits in the call):
 * the flow tells the screens something was recorded only after it was. Methods throw on a storage
 * failure; the caller reports it, it never passes silently.
 */
export interface SessionStore {
  openSession(session: { id: string; kioskId: string; startedAt: string }): void;
  saveIdentity(sessionId: string, identity: PatientIdentity): void;
  /** The teleconsultation consent with the version of the text shown and the time of the answer. */
  saveConsent(
    sessionId: string,
    consent: {
      textVersion: string;
      teleconsultation: boolean;
      secondaryUse: boolean;
      at: string;
      /** The language and SHA-256 of exactly the text shown (absent when the screen could not hash it). */
      language?: 'fr' | 'en' | 'es' | 'ar';
      textSha256?: string;
      /** Each secondary use's answer with its own text's version and hash. */
      uses?: SecondaryUseAnswer[];
    },
  ): void;
  saveIntake(
    sessionId: string,
    intake: {
      carePathway: CarePathwayAnswers | null;
      /** Commune or postcode; null when the patient declined to give it. */
      locality: string | null;
      specialty: Specialty;
      reason: string;
      contact: { email: string | null; phone: string | null };
    },
  ): void;
  /** Stores the measurement and its outbox row in one transaction. */
  recordMeasurement(sessionId: string, measurement: Measurement): void;
  closeSession(
    sessionId: string,
    end: { endedAt: string; outcome: FlowOutcome; prescriptionNumber: string | null; rating: number | null },
  ): void;
}
