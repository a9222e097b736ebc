import type Database from 'better-sqlite3-multiple-ciphers';
import { ConsentRecord, withdraw, type ConsentUse } from '../../common/consent/consent-record';
import { InsIdentity } from '../../common/identity/ins';

/**
 * A consultation's INS identity and consents in the records database (migration 0015). Reads are
 * parsed with the shared schemas: a row that no longer fits is refused, never half-read.
 */
export class IdentityVigilanceStore {
  constructor(private readonly db: Database.Database) {}

  insIdentity(sessionId: string): InsIdentity | null {
    const row = this.db
      .prepare('SELECT identity FROM consultation_ins_identity WHERE session_id = ?')
      .get(sessionId) as { identity: string } | undefined;
    return row ? InsIdentity.parse(JSON.parse(row.identity)) : null;
  }

  saveInsIdentity(sessionId: string, identity: InsIdentity, at: string): void {
    const value = InsIdentity.parse(identity);
    this.db
      .prepare(
        `INSERT INTO consultation_ins_identity (session_id, identity, status, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (session_id) DO UPDATE SET identity = excluded.identity, status = excluded.status,
           updated_at = excluded.updated_at`,
      )
      .run(sessionId, JSON.stringify(value), value.status, at);
  }

  consents(sessionId: string): ConsentRecord[] {
    const rows = this.db
      .prepare('SELECT record FROM consultation_consents WHERE session_id = ? ORDER BY rowid')
      .all(sessionId) as { record: string }[];
    return rows.map((row) => ConsentRecord.parse(JSON.parse(row.record)));
  }

  /** One answer per use and session: a second answer for the same use replaces the first. */
  saveConsent(sessionId: string, record: ConsentRecord): void {
    const value = ConsentRecord.parse(record);
    this.db
      .prepare(
        `INSERT INTO consultation_consents (session_id, use, record, granted, text_sha256, withdrawn_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (session_id, use) DO UPDATE SET record = excluded.record, granted = excluded.granted,
           text_sha256 = excluded.text_sha256, withdrawn_at = excluded.withdrawn_at`,
      )
      .run(sessionId, value.use, JSON.stringify(value), value.granted ? 1 : 0, value.textSha256, value.withdrawnAt);
  }

  /** The patient withdraws a consent later: refused for a use never granted, or already withdrawn. */
  withdrawConsent(
    sessionId: string,
    use: ConsentUse,
    at: string,
  ): ReturnType<typeof withdraw> | { ok: false; reason: 'unknown' } {
    const current = this.consents(sessionId).find((c) => c.use === use);
    if (!current) return { ok: false, reason: 'unknown' };
    const result = withdraw(current, at);
    if (result.ok) this.saveConsent(sessionId, result.record);
    return result;
  }
}
