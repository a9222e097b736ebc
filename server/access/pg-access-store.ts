import type pg from 'pg';
import { entryHash, verifyChain, type ChainVerdict } from './access-chain';
import { actorId, type AccessAttempt, type AccessEntry } from './access-entry';
import type { AccessQuery } from './access-log';
import type { AccessLogStore, AccessStore } from './access-store';
import type { AccessDecision, ConsultationRef, Participation, Share } from './consultation-access';
import { accessEntryOf, type AccessRow } from './access-row';

/** Participants and shares on PostgreSQL (migration 0004), the same answers as ConsultationAccess. */
export class PgAccessStore implements AccessStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => number = Date.now,
  ) {}

  async recordParticipation(p: Participation): Promise<void> {
    await this.pool.query(
      `INSERT INTO consultation_participants (consultation_id, doctor_id, session_id, kiosk_id, joined_at_ms)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [p.consultationId, p.doctorId, p.sessionId, p.kioskId, p.at],
    );
  }

  async tookPart(doctorId: string, consultationId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      'SELECT 1 FROM consultation_participants WHERE consultation_id = $1 AND doctor_id = $2',
      [consultationId, doctorId],
    );
    return (rowCount ?? 0) > 0;
  }

  async share(consultationId: string, doctorId: string, sharedBy: string): Promise<Share> {
    await this.pool.query(
      `INSERT INTO consultation_shares (consultation_id, doctor_id, shared_by, shared_at_ms)
       VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [consultationId, doctorId, sharedBy, this.now()],
    );
    const { rows } = await this.pool.query<{ shared_by: string; shared_at_ms: string }>(
      'SELECT shared_by, shared_at_ms FROM consultation_shares WHERE consultation_id = $1 AND doctor_id = $2',
      [consultationId, doctorId],
    );
    return { consultationId, doctorId, sharedBy: rows[0]!.shared_by, sharedAt: Number(rows[0]!.shared_at_ms) };
  }

  async consultationOfSession(sessionId: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ consultation_id: string }>(
      'SELECT consultation_id FROM consultation_participants WHERE session_id = $1 ORDER BY joined_at_ms LIMIT 1',
      [sessionId],
    );
    return rows[0]?.consultation_id ?? null;
  }

  async sessionOf(consultationId: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ session_id: string }>(
      'SELECT session_id FROM consultation_participants WHERE consultation_id = $1 LIMIT 1',
      [consultationId],
    );
    return rows[0]?.session_id ?? null;
  }

  /** One query: every consultation of the ref (one, or a session's) with how this doctor may read it. */
  async decide(doctorId: string, ref: ConsultationRef): Promise<AccessDecision> {
    const byConsultation = 'consultationId' in ref;
    const { rows } = await this.pool.query<{ consultation_id: string; via: 'participant' | 'share' | null }>(
      `SELECT c.consultation_id,
         CASE WHEN EXISTS (SELECT 1 FROM consultation_participants x
                           WHERE x.consultation_id = c.consultation_id AND x.doctor_id = $2) THEN 'participant'
              WHEN EXISTS (SELECT 1 FROM consultation_shares s
                           WHERE s.consultation_id = c.consultation_id AND s.doctor_id = $2) THEN 'share'
         END AS via
       FROM (SELECT consultation_id, min(joined_at_ms) AS joined FROM consultation_participants
             WHERE ${byConsultation ? 'consultation_id' : 'session_id'} = $1 GROUP BY consultation_id) c
       ORDER BY c.joined`,
      [byConsultation ? ref.consultationId : ref.sessionId, doctorId],
    );
    const readable = rows.find((r) => r.via !== null);
    if (readable) return { allowed: true, consultationId: readable.consultation_id, via: readable.via! };
    // A share of a consultation nobody took part in (none such is made, but the SQLite engine allows it).
    if (byConsultation && rows.length === 0) {
      const shared = await this.pool.query(
        'SELECT 1 FROM consultation_shares WHERE consultation_id = $1 AND doctor_id = $2',
        [ref.consultationId, doctorId],
      );
      if ((shared.rowCount ?? 0) > 0) return { allowed: true, consultationId: ref.consultationId, via: 'share' };
    }
    return { allowed: false, consultationId: rows[0]?.consultation_id ?? null, reason: 'not-a-participant' };
  }
}

/**
 * The access log on PostgreSQL (migration 0005). An append locks the head row, so appenders on
 * every node chain one after the other; the table's triggers refuse UPDATE, DELETE and TRUNCATE.
 */
export class PgAccessLog implements AccessLogStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => number = Date.now,
  ) {}

  async append(attempt: AccessAttempt): Promise<AccessEntry> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ seq: string; hash: string }>(
        'SELECT seq, hash FROM access_log_head WHERE id = 1 FOR UPDATE',
      );
      const unhashed = { ...attempt, seq: Number(rows[0]!.seq) + 1, at: this.now(), prevHash: rows[0]!.hash };
      const entry: AccessEntry = { ...unhashed, hash: entryHash(unhashed) };
      await client.query(
        `INSERT INTO access_log (seq, at_ms, actor_kind, actor_id, action, resource, resource_id, consultation_id,
           outcome, reason, remote_address, prev_hash, hash) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)`,
        [
          entry.seq,
          entry.at,
          entry.actor.kind,
          actorId(entry.actor),
          entry.action,
          entry.resource,
          entry.resourceId,
          entry.consultationId,
          entry.outcome,
          entry.reason,
          entry.remoteAddress,
          entry.prevHash,
          entry.hash,
        ],
      );
      await client.query('UPDATE access_log_head SET seq = $1, hash = $2 WHERE id = 1', [entry.seq, entry.hash]);
      await client.query('COMMIT');
      return entry;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async query(filter: AccessQuery = {}): Promise<AccessEntry[]> {
    const { rows } = await this.pool.query<AccessRow>(
      `SELECT * FROM access_log
       WHERE ($1::text IS NULL OR (actor_kind = 'doctor' AND actor_id = $1))
         AND ($2::text IS NULL OR consultation_id = $2)
         AND ($3::bigint IS NULL OR at_ms >= $3)
         AND ($4::bigint IS NULL OR at_ms < $4)
       ORDER BY seq`,
      [filter.doctorId ?? null, filter.consultationId ?? null, filter.since ?? null, filter.until ?? null],
    );
    return rows.map(accessEntryOf);
  }

  async verify(): Promise<ChainVerdict> {
    const head = await this.pool.query<{ seq: string }>('SELECT seq FROM access_log_head WHERE id = 1');
    const { rows } = await this.pool.query<AccessRow>('SELECT * FROM access_log ORDER BY seq');
    return verifyChain(rows.map(accessEntryOf), Number(head.rows[0]?.seq ?? 0));
  }
}
