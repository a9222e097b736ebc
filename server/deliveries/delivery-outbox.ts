import type Database from 'better-sqlite3-multiple-ciphers';
import { randomUUID } from 'node:crypto';

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

interface Row {
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

const status = (r: Row): DeliveryStatus => ({
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

/**
 * The platform's outbox for the e-prescription service and MSSanté (records migration 0020): a
 * delivery is stored before it is first tried, so a crash, a refused certificate or a service down
 * loses nothing; it leaves the due list only once the other side accepted it.
 */
export class SqliteDeliveryOutbox {
  private readonly s;

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
      retryNow: db.prepare(
        'UPDATE outbound_deliveries SET next_attempt_at_ms = ? WHERE id = ? AND delivered_at_ms IS NULL',
      ),
    };
  }

  /** Stores a delivery due now; the same kind and reference again is the same delivery (idempotent). */
  enqueue(
    item: { kind: DeliveryKind; consultationId: string | null; reference: string; payload: unknown },
    nowMs: number,
  ): PendingDelivery {
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

  get(id: string): PendingDelivery | null {
    const row = this.s.byId.get(id);
    return row ? this.pending(row) : null;
  }

  due(nowMs: number): PendingDelivery[] {
    return this.s.due.all(nowMs).map((r) => this.pending(r));
  }

  ofConsultation(consultationId: string): DeliveryStatus[] {
    return this.s.ofConsultation.all(consultationId).map(status);
  }

  undelivered(): DeliveryStatus[] {
    return this.s.undelivered.all().map(status);
  }

  markDelivered(id: string, receipt: string, nowMs: number): void {
    this.s.delivered.run(nowMs, receipt, id);
  }

  markFailed(id: string, error: string, nextAttemptAtMs: number): void {
    this.s.failed.run(error.slice(0, 300), nextAttemptAtMs, id);
  }

  /** The doctor's "try again": due now, unless already delivered. */
  retryNow(id: string, nowMs: number): boolean {
    return this.s.retryNow.run(nowMs, id).changes === 1;
  }

  private pending(row: Row): PendingDelivery {
    return { ...status(row), payload: JSON.parse(row.payload) as unknown };
  }
}
