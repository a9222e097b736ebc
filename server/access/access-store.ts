import type { ChainVerdict } from './access-chain';
import type { AccessAttempt, AccessEntry } from './access-entry';
import type { AccessLog, AccessQuery } from './access-log';
import type { AccessDecision, ConsultationAccess, ConsultationRef, Participation, Share } from './consultation-access';

/**
 * Who took part in which consultation and who it was shared with, on either engine: SQLite
 * (consultation-access.ts, the default) or PostgreSQL (pg-access-store.ts). The read gate asks it.
 */
export interface AccessStore {
  /** Idempotent: a rejoin or a replay changes nothing. */
  recordParticipation(participation: Participation): Promise<void>;
  /** The doctor took part themselves (a share does not count). */
  tookPart(doctorId: string, consultationId: string): Promise<boolean>;
  /** Shares with a colleague; a second share keeps the first (who, when). */
  share(consultationId: string, doctorId: string, sharedBy: string): Promise<Share>;
  consultationOfSession(sessionId: string): Promise<string | null>;
  sessionOf(consultationId: string): Promise<string | null>;
  decide(doctorId: string, ref: ConsultationRef): Promise<AccessDecision>;
}

/** The append-only access log on either engine: nothing here changes or removes an entry. */
export interface AccessLogStore {
  /** Chained to the last entry; rejects when the database refuses the write (the read is then not served). */
  append(attempt: AccessAttempt): Promise<AccessEntry>;
  /** Oldest first. */
  query(filter?: AccessQuery): Promise<AccessEntry[]>;
  verify(): Promise<ChainVerdict>;
}

/**
 * The SQLite classes answer at once; these wrap them in the engines' common interface. Their work
 * is done before the promise is returned (a caller that does not wait still finds it written).
 */
export function sqliteAccessStore(access: ConsultationAccess): AccessStore {
  return {
    recordParticipation: async (participation) => access.recordParticipation(participation),
    tookPart: async (doctorId, consultationId) => access.tookPart(doctorId, consultationId),
    share: async (consultationId, doctorId, sharedBy) => access.share(consultationId, doctorId, sharedBy),
    consultationOfSession: async (sessionId) => access.consultationOfSession(sessionId),
    sessionOf: async (consultationId) => access.sessionOf(consultationId),
    decide: async (doctorId, ref) => access.decide(doctorId, ref),
  };
}

export function sqliteAccessLogStore(log: AccessLog): AccessLogStore {
  return {
    append: async (attempt) => log.append(attempt),
    query: async (filter) => log.query(filter),
    verify: async () => log.verify(),
  };
}
