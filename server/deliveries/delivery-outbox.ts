import type Database from 'better-sqlite3-multiple-ciphers';
import { randomUUID } from 'node:crypto';

/** How long a worker holds a due delivery it is trying before another may take it (a crash mid-send). */
export const CLAIM_MS = 120_000;

/** What leaves the platform for another health service and must not be lost on the way. */
export type DeliveryKind = 'eprescription' | 'mssante-report';

/** One delivery as the doctor sees it: what, how many attempts, the last failure, done or not. */
export interface DeliveryStatus {
  id: string;
  kind: DeliveryKind;
  consultationId: string | null;
  /** The prescription number, or the consultation's report id: one delivery per kind and reference. */
  reference: string;
  attempts: number;
  /** Why the last attempt failed (no patient data: transport and service messages only). */
  lastError: string | null;
  nextAttemptAtMs: number;
  deliveredAtMs: number | null;
  /** What the receiving service answered when it accepted (its id for the item). */
  receipt: string | null;
}

export interface PendingDelivery extends DeliveryStatus {
  payload: unknown;
}

export interface Row {
  id: string;
  kind: DeliveryKind;
  consultation_id: string | null;
  reference: string;
  payload: string;
  attempts: number;
  last_error: string | null;
  next_attempt_at_ms: number;
  delivered_at_ms: number | null;
  receipt: string | null;
}

export const status = (r: Row): DeliveryStatus => ({
  id: r.id,
  kind: r.kind,
  consultationId: r.consultation_id,
  reference: r.reference,
  attempts: r.attempts,
  lastError: r.last_error,
  nextAttemptAtMs: r.next_attempt_at_ms,
  deliveredAtMs: r.delivered_at_ms,
  receipt: r.receipt,
});

export interface NewDelivery {
  kind: DeliveryKind;
  consultationId: string | null;
  reference: string;
  payload: unknown;
}

/**
 * The outbox on either engine: SQLite (below) or PostgreSQL (pg-delivery-outbox.ts, the payload
 * sealed, each due delivery claimed by one node at a time).
 */
export interface DeliveryOutbox {
  /** Stores a delivery due now; the same kind and reference again is the same delivery (idempotent). */
  enqueue(item: NewDelivery, nowMs: number): Promise<PendingDelivery>;
  get(id: string): Promise<PendingDelivery | null>;
  /** The deliveries due now, for this worker to try (on PostgreSQL: claimed, no other node gets them meanwhile). */
  due(nowMs: number): Promise<PendingDelivery[]>;
  ofConsultation(consultationId: string): Promise<DeliveryStatus[]>;
  undelivered(): Promise<DeliveryStatus[]>;
  markDelivered(id: string, receipt: string, nowMs: number): Promise<void>;
  markFailed(id: string, error: string, nextAttemptAtMs: number): Promise<void>;
  /** The doctor's "try again": due now, unless already delivered. */
  retryNow(id: string, nowMs: number): Promise<boolean>;
}

/**
 * The platform's outbox for the e-prescription service and MSSanté (records migration 0018): a
 * delivery is stored before it is first tried, so a crash, a refused certificate or a service down
 * loses nothing; it leaves the due list only once the other side accepted it.
 */
export class SqliteDeliveryOutbox implements DeliveryOutbox {
  private readonly s;

  private readonly claim;

  constructor(db: Database.Database) {
    this.s = {
      insert: db.prepare(
        `INSERT INTO outbound_deliveries (id, kind, consultation_id, reference, payload, created_at_ms, next_attempt_at_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (kind, reference) DO NOTHING`,
      ),
      byRef: db.prepare<[string, string], Row>('SELECT * FROM outbound_deliveries WHERE kind = ? AND reference = ?'),
      byId: db.prepare<[string], Row>('SELECT * FROM outbound_deliveries WHERE id = ?'),
      due: db.prepare<[number], Row>(
        'SELECT * FROM outbound_deliveries WHERE delivered_at_ms IS NULL AND next_attempt_at_ms <= ? ORDER BY next_attempt_at_ms',
      ),
      ofConsultation: db.prepare<[string], Row>(
        'SELECT * FROM outbound_deliveries WHERE consultation_id = ? ORDER BY created_at_ms',
      ),
      undelivered: db.prepare<[], Row>(
        'SELECT * FROM outbound_deliveries WHERE delivered_at_ms IS NULL ORDER BY created_at_ms',
      ),
      delivered: db.prepare(
        'UPDATE outbound_deliveries SET attempts = attempts + 1, delivered_at_ms = ?, receipt = ?, last_error = NULL WHERE id = ?',
      ),
      failed: db.prepare(
        'UPDATE outbound_deliveries SET attempts = attempts + 1, last_error = ?, next_attempt_at_ms = ? WHERE id = ?',
      ),
      lease: db.prepare('UPDATE outbound_deliveries SET next_attempt_at_ms = ? WHERE id = ?'),
      retryNow: db.prepare(
        'UPDATE outbound_deliveries SET next_attempt_at_ms = ? WHERE id = ? AND delivered_at_ms IS NULL',
      ),
    };
    const claim = db.transaction((nowMs: number) => {
      const rows = this.s.due.all(nowMs);
      for (const row of rows) this.s.lease.run(nowMs + CLAIM_MS, row.id);
      return rows.map((r) => this.pending(r));
    });
    this.claim = (nowMs: number): PendingDelivery[] => claim.immediate(nowMs);
  }

  async enqueue(item: NewDelivery, nowMs: number): Promise<PendingDelivery> {
    this.s.insert.run(
      randomUUID(),
      item.kind,
      item.consultationId,
      item.reference,
      JSON.stringify(item.payload),
      nowMs,
      nowMs,
    );
    return this.pending(this.s.byRef.get(item.kind, item.reference)!);
  }

  async get(id: string): Promise<PendingDelivery | null> {
    const row = this.s.byId.get(id);
    return row ? this.pending(row) : null;
  }

  /**
   * What is due, each put off by CLAIM_MS in the same transaction: another process on this file
   * (another worker) does not take it meanwhile; the attempt's outcome sets the next time.
   */
  async due(nowMs: number): Promise<PendingDelivery[]> {
    return this.claim(nowMs);
  }

  async ofConsultation(consultationId: string): Promise<DeliveryStatus[]> {
    return this.s.ofConsultation.all(consultationId).map(status);
  }

  async undelivered(): Promise<DeliveryStatus[]> {
    return this.s.undelivered.all().map(status);
  }

  async markDelivered(id: string, receipt: string, nowMs: number): Promise<void> {
    this.s.delivered.run(nowMs, receipt, id);
  }

  async markFailed(id: string, error: string, nextAttemptAtMs: number): Promise<void> {
    this.s.failed.run(error.slice(0, 300), nextAttemptAtMs, id);
  }

  async retryNow(id: string, nowMs: number): Promise<boolean> {
    return this.s.retryNow.run(nowMs, id).changes === 1;
  }

  private pending(row: Row): PendingDelivery {
    return { ...status(row), payload: JSON.parse(row.payload) as unknown };
  }
}
