import type Database from 'better-sqlite3-multiple-ciphers';
import { IdentityCheckView, InsiOutcome } from '../../common/identity/identity-check';
import { InsIdentity, type IdentityDocument, type InsTraits } from '../../common/identity/ins';

/** Who recorded a document check: a pharmacist or a doctor, by account id. */
export interface DocumentChecker {
  role: 'pharmacist' | 'doctor';
  id: string;
}

type Row = {
  session_id: string;
  kiosk_id: string | null;
  source: string | null;
  identity: string;
  insi_outcome: string | null;
};

/**
 * A session's identity as the platform checks it (records migrations 0015 and 0017): the INS
 * identity, the kiosk and source it came from, the last INSi outcome, and the audit of document
 * checks. Rows are parsed with the shared schemas: one that no longer fits is refused, never half-read.
 */
export class IdentityCheckStore {
  constructor(private readonly db: Database.Database) {}

  /** The identity as it arrived from the kiosk (provisional), with INSi's outcome `pending`. */
  saveArrival(
    arrival: { sessionId: string; kioskId: string; source: 'card' | 'manual' },
    identity: InsIdentity,
    at: string,
  ) {
    const value = InsIdentity.parse(identity);
    this.db
      .prepare(
        `INSERT INTO consultation_ins_identity
           (session_id, identity, status, updated_at, kiosk_id, source, insi_outcome, given_traits)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (session_id) DO UPDATE SET identity = excluded.identity, status = excluded.status,
           updated_at = excluded.updated_at, kiosk_id = excluded.kiosk_id, source = excluded.source,
           insi_outcome = excluded.insi_outcome, given_traits = excluded.given_traits`,
      )
      .run(
        arrival.sessionId,
        JSON.stringify(value),
        value.status,
        at,
        arrival.kioskId,
        arrival.source,
        JSON.stringify({ kind: 'pending', at } satisfies InsiOutcome),
        givenKey(arrival.source, value.traits),
      );
  }

  /** Whether the kiosk already gave exactly this identity for the session (a replayed batch). */
  alreadyGiven(sessionId: string, source: 'card' | 'manual', traits: InsTraits): boolean {
    const row = this.db
      .prepare('SELECT given_traits FROM consultation_ins_identity WHERE session_id = ?')
      .get(sessionId) as { given_traits: string | null } | undefined;
    return row?.given_traits === givenKey(source, traits);
  }

  /** INSi's outcome, and the identity it gave when it recovered the INS. */
  saveInsiOutcome(sessionId: string, outcome: InsiOutcome, identity: InsIdentity | null): void {
    const write = this.db.transaction(() => {
      if (identity) this.saveIdentity(sessionId, identity, outcome.at);
      this.db
        .prepare('UPDATE consultation_ins_identity SET insi_outcome = ? WHERE session_id = ?')
        .run(JSON.stringify(InsiOutcome.parse(outcome)), sessionId);
    });
    write();
  }

  /** The identity after a document check, and the check's audit line, in one transaction. */
  saveDocumentCheck(
    sessionId: string,
    identity: InsIdentity,
    check: { kind: IdentityDocument; by: DocumentChecker; at: string },
  ) {
    const write = this.db.transaction(() => {
      this.saveIdentity(sessionId, identity, check.at);
      this.db
        .prepare(
          `INSERT INTO identity_document_checks (session_id, kind, checked_by_role, checked_by, checked_at, status_after)
           VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(sessionId, check.kind, check.by.role, check.by.id, check.at, identity.status);
    });
    write();
  }

  view(sessionId: string): IdentityCheckView | null {
    const row = this.db
      .prepare(
        'SELECT session_id, kiosk_id, source, identity, insi_outcome FROM consultation_ins_identity WHERE session_id = ?',
      )
      .get(sessionId) as Row | undefined;
    return row ? viewOf(row) : null;
  }

  /** The identities that arrived from these kiosks since `sinceIso`, newest first (the portal's list). */
  forKiosks(kioskIds: readonly string[], sinceIso: string): IdentityCheckView[] {
    if (kioskIds.length === 0) return [];
    const rows = this.db
      .prepare(
        `SELECT session_id, kiosk_id, source, identity, insi_outcome FROM consultation_ins_identity
         WHERE kiosk_id IN (${kioskIds.map(() => '?').join(', ')}) AND updated_at >= ? ORDER BY updated_at DESC LIMIT 50`,
      )
      .all(...kioskIds, sinceIso) as Row[];
    return rows.map(viewOf).filter((v): v is IdentityCheckView => v !== null);
  }

  /** The audit of a session's document checks, oldest first. */
  documentChecks(sessionId: string) {
    return this.db
      .prepare(
        `SELECT kind, checked_by_role AS role, checked_by AS checkedBy, checked_at AS at, status_after AS statusAfter
         FROM identity_document_checks WHERE session_id = ? ORDER BY seq`,
      )
      .all(sessionId) as { kind: string; role: string; checkedBy: string; at: string; statusAfter: string }[];
  }

  private saveIdentity(sessionId: string, identity: InsIdentity, at: string): void {
    const value = InsIdentity.parse(identity);
    this.db
      .prepare('UPDATE consultation_ins_identity SET identity = ?, status = ?, updated_at = ? WHERE session_id = ?')
      .run(JSON.stringify(value), value.status, at, sessionId);
  }
}

function givenKey(source: string, traits: InsTraits): string {
  return JSON.stringify([source, traits]);
}

/** A row written before 0017 (no kiosk or source) is not one the staff can act on: left out. */
function viewOf(row: Row): IdentityCheckView | null {
  if (!row.kiosk_id || (row.source !== 'card' && row.source !== 'manual')) return null;
  return IdentityCheckView.parse({
    sessionId: row.session_id,
    kioskId: row.kiosk_id,
    source: row.source,
    identity: JSON.parse(row.identity) as unknown,
    insi: row.insi_outcome ? (JSON.parse(row.insi_outcome) as unknown) : null,
  });
}
