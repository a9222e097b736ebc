import type Database from 'better-sqlite3-multiple-ciphers';
import { IdentityCheckView, InsiOutcome } from '../../common/identity/identity-check';
import { InsIdentity, type IdentityDocument, type InsTraits } from '../../common/identity/ins';

/** Who recorded a document check: a pharmacist or a doctor, by account id. */
export interface DocumentChecker {
  role: 'pharmacist' | 'doctor';
  id: string;
}

export type Row = {
  session_id: string;
  kiosk_id: string | null;
  source: string | null;
  identity: string;
  insi_outcome: string | null;
};

/** A document check's audit line, as read back. */
export interface DocumentCheckLine {
  kind: string;
  role: string;
  checkedBy: string;
  at: string;
  statusAfter: string;
}

/**
 * A session's identity as the platform checks it, on either engine: SQLite (below) or PostgreSQL
 * (pg-identity-check-store.ts, the identity and the given traits sealed under the data key).
 */
export interface IdentityChecks {
  /** The identity as it arrived from the kiosk (provisional), with INSi's outcome `pending`. */
  saveArrival(
    arrival: { sessionId: string; kioskId: string; source: 'card' | 'manual' },
    identity: InsIdentity,
    at: string,
  ): Promise<void>;
  /** Whether the kiosk already gave exactly this identity for the session (a replayed batch). */
  alreadyGiven(sessionId: string, source: 'card' | 'manual', traits: InsTraits): Promise<boolean>;
  /** INSi's outcome, and the identity it gave when it recovered the INS, in one transaction. */
  saveInsiOutcome(sessionId: string, outcome: InsiOutcome, identity: InsIdentity | null): Promise<void>;
  /** The identity after a document check, and the check's audit line, in one transaction. */
  saveDocumentCheck(
    sessionId: string,
    identity: InsIdentity,
    check: { kind: IdentityDocument; by: DocumentChecker; at: string },
  ): Promise<void>;
  view(sessionId: string): Promise<IdentityCheckView | null>;
  /** The identities that arrived from these kiosks since `sinceIso`, newest first (the portal's list). */
  forKiosks(kioskIds: readonly string[], sinceIso: string): Promise<IdentityCheckView[]>;
  /** The audit of a session's document checks, oldest first. */
  documentChecks(sessionId: string): Promise<DocumentCheckLine[]>;
}

/**
 * A session's identity as the platform checks it (records migrations 0015 and 0017): the INS
 * identity, the kiosk and source it came from, the last INSi outcome, and the audit of document
 * checks. Rows are parsed with the shared schemas: one that no longer fits is refused, never half-read.
 */
export class IdentityCheckStore implements IdentityChecks {
  constructor(private readonly db: Database.Database) {}

  async saveArrival(
    arrival: { sessionId: string; kioskId: string; source: 'card' | 'manual' },
    identity: InsIdentity,
    at: string,
  ): Promise<void> {
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

  async alreadyGiven(sessionId: string, source: 'card' | 'manual', traits: InsTraits): Promise<boolean> {
    const row = this.db
      .prepare('SELECT given_traits FROM consultation_ins_identity WHERE session_id = ?')
      .get(sessionId) as { given_traits: string | null } | undefined;
    return row?.given_traits === givenKey(source, traits);
  }

  async saveInsiOutcome(sessionId: string, outcome: InsiOutcome, identity: InsIdentity | null): Promise<void> {
    const write = this.db.transaction(() => {
      if (identity) this.saveIdentity(sessionId, identity, outcome.at);
      this.db
        .prepare('UPDATE consultation_ins_identity SET insi_outcome = ? WHERE session_id = ?')
        .run(JSON.stringify(InsiOutcome.parse(outcome)), sessionId);
    });
    write();
  }

  async saveDocumentCheck(
    sessionId: string,
    identity: InsIdentity,
    check: { kind: IdentityDocument; by: DocumentChecker; at: string },
  ): Promise<void> {
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

  async view(sessionId: string): Promise<IdentityCheckView | null> {
    const row = this.db
      .prepare(
        'SELECT session_id, kiosk_id, source, identity, insi_outcome FROM consultation_ins_identity WHERE session_id = ?',
      )
      .get(sessionId) as Row | undefined;
    return row ? viewOf(row) : null;
  }

  async forKiosks(kioskIds: readonly string[], sinceIso: string): Promise<IdentityCheckView[]> {
    if (kioskIds.length === 0) return [];
    const rows = this.db
      .prepare(
        `SELECT session_id, kiosk_id, source, identity, insi_outcome FROM consultation_ins_identity
         WHERE kiosk_id IN (${kioskIds.map(() => '?').join(', ')}) AND updated_at >= ? ORDER BY updated_at DESC LIMIT 50`,
      )
      .all(...kioskIds, sinceIso) as Row[];
    return rows.map(viewOf).filter((v): v is IdentityCheckView => v !== null);
  }

  async documentChecks(sessionId: string): Promise<DocumentCheckLine[]> {
    return this.db
      .prepare(
        `SELECT kind, checked_by_role AS role, checked_by AS checkedBy, checked_at AS at, status_after AS statusAfter
         FROM identity_document_checks WHERE session_id = ? ORDER BY seq`,
      )
      .all(sessionId) as DocumentCheckLine[];
  }

  private saveIdentity(sessionId: string, identity: InsIdentity, at: string): void {
    const value = InsIdentity.parse(identity);
    this.db
      .prepare('UPDATE consultation_ins_identity SET identity = ?, status = ?, updated_at = ? WHERE session_id = ?')
      .run(JSON.stringify(value), value.status, at, sessionId);
  }
}

export function givenKey(source: string, traits: InsTraits): string {
  return JSON.stringify([source, traits]);
}

/** A row written before 0017 (no kiosk or source) is not one the staff can act on: left out. */
function viewOf(row: Row): IdentityCheckView | null {
  return checkedView(row, (text) => JSON.parse(text) as unknown);
}

/** A stored row as the staff see it, its identity read by `identityOf` (parsed, or opened then parsed on PostgreSQL). */
export function checkedView<I>(
  row: Omit<Row, 'identity'> & { identity: I },
  identityOf: (identity: I) => unknown,
): IdentityCheckView | null {
  if (!row.kiosk_id || (row.source !== 'card' && row.source !== 'manual')) return null;
  return IdentityCheckView.parse({
    sessionId: row.session_id,
    kioskId: row.kiosk_id,
    source: row.source,
    identity: identityOf(row.identity),
    insi: row.insi_outcome ? (JSON.parse(row.insi_outcome) as unknown) : null,
  });
}
