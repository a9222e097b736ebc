import type { RecordItem } from '../../common/records/wire';
import type { Clock } from '../../common/util/clock';
import type { SqliteDatabase } from './open-database';

/** What an item adds to its payload in a batch's JSON: its id, session id, kind and keys (generously). */
const ITEM_ENVELOPE_BYTES = 256;

/** An outbox row waiting for the platform's acknowledgement. */
export interface PendingRecord {
  /** Delivery order across the kiosk (and so within each session). */
  readonly seq: number;
  readonly item: RecordItem;
}

export interface OutboxCounts {
  pending: number;
  acknowledged: number;
}

/** What the sync client needs from the store; nothing else touches the outbox table. */
export interface OutboxAccess {
  /**
   * Up to `limit` unacknowledged items, oldest first, and (given `maxBytes`) no more than fit in
   * that many bytes of JSON; always at least one, so an item is never stuck behind the budget.
   */
  pending(limit: number, maxBytes?: number): PendingRecord[];
  /** Marks the given ids acknowledged (ids not in the outbox, or already marked, are ignored). Returns how many changed. */
  markAcknowledged(ids: readonly string[]): number;
  counts(): OutboxCounts;
  /** Calls `listener` after each committed write to the outbox; returns the unsubscribe. */
  onWrite(listener: () => void): () => void;
}

/** The outbox table: appended to by the store's write transactions, drained by main/sync. */
export class Outbox implements OutboxAccess {
  private readonly listeners = new Set<() => void>();
  private readonly insert;
  private readonly selectPending;
  private readonly ack;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly clock: Clock,
  ) {
    this.insert = db.prepare(
      'INSERT INTO outbox (id, session_id, kind, payload, created_at_ms) VALUES (?, ?, ?, ?, ?)',
    );
    this.selectPending = db.prepare<
      [number],
      { seq: number; id: string; session_id: string; kind: string; payload: string }
    >('SELECT seq, id, session_id, kind, payload FROM outbox WHERE acked_at_ms IS NULL ORDER BY seq LIMIT ?');
    // One statement for the whole batch's ids (a JSON array): a third to half the time of a loop of
    // single-row updates at 2,000 ids, measured on a store of 40,000 rows.
    this.ack = db.prepare(
      'UPDATE outbox SET acked_at_ms = ? WHERE id IN (SELECT value FROM json_each(?)) AND acked_at_ms IS NULL',
    );
  }

  /** Appends an item; call inside the transaction that writes the record itself. */
  append(item: RecordItem): void {
    this.insert.run(item.id, item.sessionId, item.kind, JSON.stringify(item.payload), this.clock.now());
  }

  /** Tells listeners (the sync client) that a transaction holding outbox rows has committed. */
  notifyCommitted(): void {
    for (const listener of this.listeners) listener();
  }

  pending(limit: number, maxBytes = Number.POSITIVE_INFINITY): PendingRecord[] {
    const records: PendingRecord[] = [];
    let bytes = 0;
    for (const row of this.selectPending.iterate(limit)) {
      bytes += Buffer.byteLength(row.payload) + ITEM_ENVELOPE_BYTES;
      if (bytes > maxBytes && records.length > 0) break;
      records.push({
        seq: row.seq,
        // Written by append() from a validated RecordItem; the kind and payload columns round-trip it.
        item: {
          id: row.id,
          sessionId: row.session_id,
          kind: row.kind,
          payload: JSON.parse(row.payload) as unknown,
        } as RecordItem,
      });
    }
    return records;
  }

  markAcknowledged(ids: readonly string[]): number {
    const at = this.clock.now();
    return this.ack.run(at, JSON.stringify(ids)).changes;
  }

  counts(): OutboxCounts {
    const row = this.db
      .prepare<[], { pending: number | null; acknowledged: number | null }>(
        'SELECT sum(acked_at_ms IS NULL) AS pending, sum(acked_at_ms IS NOT NULL) AS acknowledged FROM outbox',
      )
      .get();
    return { pending: row?.pending ?? 0, acknowledged: row?.acknowledged ?? 0 };
  }

  onWrite(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
