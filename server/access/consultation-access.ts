import type Database from 'better-sqlite3-multiple-ciphers';

/** A doctor taking part in a consultation: recorded when they accept the patient. */
export interface Participation {
  consultationId: string;
  sessionId: string;
  kioskId: string;
  doctorId: string;
  /** ms since the epoch. */
  at: number;
}

/** A consultation shared by a doctor who took part in it with a colleague. */
export interface Share {
  consultationId: string;
  /** The colleague it is shared with. */
  doctorId: string;
  sharedBy: string;
  /** ms since the epoch. */
  sharedAt: number;
}

/** The answer to "may this doctor read this consultation's data?", and which consultation it is. */
export type AccessDecision =
  | { allowed: true; consultationId: string; via: 'participant' | 'share' }
  | { allowed: false; consultationId: string | null; reason: 'not-a-participant' };

/** A consultation by its id, or the consultations of a kiosk session (records are kept per session). */
export type ConsultationRef = { consultationId: string } | { sessionId: string };

/**
 * Who took part in which consultation and who it was shared with, in the records database. A
 * doctor reads a consultation's record, FHIR export, prescriptions and report only when one of the
 * two says so (server/access/read-gate.ts asks).
 */
export class ConsultationAccess {
  private readonly statements;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => number = Date.now,
  ) {
    this.statements = {
      participate: db.prepare(
        `INSERT INTO consultation_participants (consultation_id, doctor_id, session_id, kiosk_id, joined_at_ms)
         VALUES (@consultationId, @doctorId, @sessionId, @kioskId, @at) ON CONFLICT DO NOTHING`,
      ),
      tookPart: db.prepare<[string, string], { session_id: string }>(
        'SELECT session_id FROM consultation_participants WHERE consultation_id = ? AND doctor_id = ?',
      ),
      share: db.prepare(
        `INSERT INTO consultation_shares (consultation_id, doctor_id, shared_by, shared_at_ms)
         VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      ),
      shareOf: db.prepare<[string, string], { shared_by: string; shared_at_ms: number }>(
        'SELECT shared_by, shared_at_ms FROM consultation_shares WHERE consultation_id = ? AND doctor_id = ?',
      ),
      // Every consultation of a session with how this doctor may read it (null: not at all).
      ofSession: db.prepare<[{ session: string; doctor: string }], { consultation_id: string; via: string | null }>(
        `SELECT DISTINCT p.consultation_id,
           CASE WHEN EXISTS (SELECT 1 FROM consultation_participants x
                             WHERE x.consultation_id = p.consultation_id AND x.doctor_id = @doctor) THEN 'participant'
                WHEN EXISTS (SELECT 1 FROM consultation_shares s
                             WHERE s.consultation_id = p.consultation_id AND s.doctor_id = @doctor) THEN 'share'
           END AS via
         FROM consultation_participants p WHERE p.session_id = @session ORDER BY p.joined_at_ms`,
      ),
      firstOfSession: db.prepare<[string], { consultation_id: string }>(
        'SELECT consultation_id FROM consultation_participants WHERE session_id = ? ORDER BY joined_at_ms LIMIT 1',
      ),
      sessionOf: db.prepare<[string], { session_id: string }>(
        'SELECT session_id FROM consultation_participants WHERE consultation_id = ? LIMIT 1',
      ),
      known: db.prepare<[string], { n: number }>(
        'SELECT count(*) AS n FROM consultation_participants WHERE consultation_id = ?',
      ),
    };
  }

  /** Records that a doctor took part (idempotent: a rejoin or a replay changes nothing). */
  recordParticipation(participation: Participation): void {
    this.statements.participate.run(participation);
  }

  /** True when the doctor took part in the consultation themselves (a share does not count). */
  tookPart(doctorId: string, consultationId: string): boolean {
    return this.statements.tookPart.get(consultationId, doctorId) !== undefined;
  }

  /**
   * Shares a consultation with a colleague. The caller checked that `sharedBy` took part; a second
   * share with the same colleague keeps the first one (who shared it, when). Returns the share.
   */
  share(consultationId: string, doctorId: string, sharedBy: string): Share {
    this.statements.share.run(consultationId, doctorId, sharedBy, this.now());
    const row = this.statements.shareOf.get(consultationId, doctorId)!;
    return { consultationId, doctorId, sharedBy: row.shared_by, sharedAt: row.shared_at_ms };
  }

  /** The (first) consultation a doctor took of this kiosk session, or null: for the access log. */
  consultationOfSession(sessionId: string): string | null {
    return this.statements.firstOfSession.get(sessionId)?.consultation_id ?? null;
  }

  /** The kiosk session a consultation belongs to (where its readings, clips and stills are), or null. */
  sessionOf(consultationId: string): string | null {
    return this.statements.sessionOf.get(consultationId)?.session_id ?? null;
  }

  /** May `doctorId` read the data of this consultation (or of one of this session's consultations)? */
  decide(doctorId: string, ref: ConsultationRef): AccessDecision {
    if ('consultationId' in ref) {
      const { consultationId } = ref;
      if (this.statements.tookPart.get(consultationId, doctorId))
        return { allowed: true, consultationId, via: 'participant' };
      if (this.statements.shareOf.get(consultationId, doctorId)) return { allowed: true, consultationId, via: 'share' };
      const known = this.statements.known.get(consultationId)!.n > 0;
      return { allowed: false, consultationId: known ? consultationId : null, reason: 'not-a-participant' };
    }
    const consultations = this.statements.ofSession.all({ session: ref.sessionId, doctor: doctorId });
    const readable = consultations.find((c) => c.via !== null);
    if (readable)
      return { allowed: true, consultationId: readable.consultation_id, via: readable.via as 'participant' | 'share' };
    return { allowed: false, consultationId: consultations[0]?.consultation_id ?? null, reason: 'not-a-participant' };
  }
}
