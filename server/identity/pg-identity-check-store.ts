import type pg from 'pg';
import { InsiOutcome, type IdentityCheckView } from '../../common/identity/identity-check';
import { InsIdentity, type IdentityDocument, type InsTraits } from '../../common/identity/ins';
import type { ColumnCipher } from '../records/column-cipher';
import {
  checkedView,
  givenKey,
  type DocumentCheckLine,
  type DocumentChecker,
  type IdentityChecks,
  type Row,
} from './identity-check-store';

/** Sealed values are bound to their session and column: one copied to another row does not open. */
const identityWhere = (sessionId: string) => `consultation_ins_identity.identity:${sessionId}`;
const givenWhere = (sessionId: string) => `consultation_ins_identity.given_traits:${sessionId}`;

type PgRow = Omit<Row, 'identity'> & { identity: Buffer };
const VIEW_COLUMNS = 'session_id, kiosk_id, source, identity, insi_outcome';

/**
 * The sessions' INS identities on PostgreSQL (migration 0012), so a pharmacist on one node and a
 * doctor on another act on the same check; the identity and the given traits sealed under the data key.
 */
export class PgIdentityCheckStore implements IdentityChecks {
  constructor(
    private readonly pool: pg.Pool,
    private readonly cipher: ColumnCipher,
  ) {}

  async saveArrival(
    arrival: { sessionId: string; kioskId: string; source: 'card' | 'manual' },
    identity: InsIdentity,
    at: string,
  ): Promise<void> {
    const value = InsIdentity.parse(identity);
    const { sessionId } = arrival;
    await this.pool.query(
      `INSERT INTO consultation_ins_identity
         (session_id, identity, status, updated_at, kiosk_id, source, insi_outcome, given_traits)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (session_id) DO UPDATE SET identity = excluded.identity, status = excluded.status,
         updated_at = excluded.updated_at, kiosk_id = excluded.kiosk_id, source = excluded.source,
         insi_outcome = excluded.insi_outcome, given_traits = excluded.given_traits`,
      [
        sessionId,
        this.cipher.sealJson(value, identityWhere(sessionId)),
        value.status,
        at,
        arrival.kioskId,
        arrival.source,
        JSON.stringify({ kind: 'pending', at } satisfies InsiOutcome),
        this.cipher.seal(Buffer.from(givenKey(arrival.source, value.traits), 'utf8'), givenWhere(sessionId)),
      ],
    );
  }

  async alreadyGiven(sessionId: string, source: 'card' | 'manual', traits: InsTraits): Promise<boolean> {
    const { rows } = await this.pool.query<{ given_traits: Buffer | null }>(
      'SELECT given_traits FROM consultation_ins_identity WHERE session_id = $1',
      [sessionId],
    );
    const given = rows[0]?.given_traits;
    return !!given && this.cipher.open(given, givenWhere(sessionId)).toString('utf8') === givenKey(source, traits);
  }

  async saveInsiOutcome(sessionId: string, outcome: InsiOutcome, identity: InsIdentity | null): Promise<void> {
    await this.transaction(async (client) => {
      if (identity) await this.saveIdentity(client, sessionId, identity, outcome.at);
      await client.query('UPDATE consultation_ins_identity SET insi_outcome = $1 WHERE session_id = $2', [
        JSON.stringify(InsiOutcome.parse(outcome)),
        sessionId,
      ]);
    });
  }

  async saveDocumentCheck(
    sessionId: string,
    identity: InsIdentity,
    check: { kind: IdentityDocument; by: DocumentChecker; at: string },
  ): Promise<void> {
    await this.transaction(async (client) => {
      await this.saveIdentity(client, sessionId, identity, check.at);
      await client.query(
        `INSERT INTO identity_document_checks (session_id, kind, checked_by_role, checked_by, checked_at, status_after)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [sessionId, check.kind, check.by.role, check.by.id, check.at, identity.status],
      );
    });
  }

  async view(sessionId: string): Promise<IdentityCheckView | null> {
    const { rows } = await this.pool.query<PgRow>(
      `SELECT ${VIEW_COLUMNS} FROM consultation_ins_identity WHERE session_id = $1`,
      [sessionId],
    );
    return rows[0] ? this.viewOf(rows[0]) : null;
  }

  async forKiosks(kioskIds: readonly string[], sinceIso: string): Promise<IdentityCheckView[]> {
    if (kioskIds.length === 0) return [];
    const { rows } = await this.pool.query<PgRow>(
      `SELECT ${VIEW_COLUMNS} FROM consultation_ins_identity
       WHERE kiosk_id = ANY($1) AND updated_at >= $2 ORDER BY updated_at DESC LIMIT 50`,
      [kioskIds, sinceIso],
    );
    return rows.map((row) => this.viewOf(row)).filter((v): v is IdentityCheckView => v !== null);
  }

  async documentChecks(sessionId: string): Promise<DocumentCheckLine[]> {
    const { rows } = await this.pool.query<DocumentCheckLine>(
      `SELECT kind, checked_by_role AS role, checked_by AS "checkedBy", checked_at AS at, status_after AS "statusAfter"
       FROM identity_document_checks WHERE session_id = $1 ORDER BY seq`,
      [sessionId],
    );
    return rows;
  }

  private viewOf(row: PgRow): IdentityCheckView | null {
    return checkedView(row, (sealed) => this.cipher.openJson<unknown>(sealed, identityWhere(row.session_id)));
  }

  private async saveIdentity(client: pg.ClientBase, sessionId: string, identity: InsIdentity, at: string) {
    const value = InsIdentity.parse(identity);
    await client.query(
      'UPDATE consultation_ins_identity SET identity = $1, status = $2, updated_at = $3 WHERE session_id = $4',
      [this.cipher.sealJson(value, identityWhere(sessionId)), value.status, at, sessionId],
    );
  }

  private async transaction(body: (client: pg.PoolClient) => Promise<void>): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await body(client);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }
}
