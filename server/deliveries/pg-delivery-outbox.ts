import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { ColumnCipher } from '../records/column-cipher';
import {
  CLAIM_MS,
  status,
  type DeliveryOutbox,
  type DeliveryStatus,
  type NewDelivery,
  type PendingDelivery,
  type Row,
} from './delivery-outbox';

/** The sealed payload is bound to its delivery: a value copied to another row does not open. */
const where = (id: string) => `outbound_deliveries.payload:${id}`;

type PgRow = Omit<Row, 'payload' | 'next_attempt_at_ms' | 'delivered_at_ms'> & {
  payload: Buffer;
  next_attempt_at_ms: string;
  delivered_at_ms: string | null;
};

/**
 * The outbox on PostgreSQL (migration 0014), the payload sealed under the data key. `due` claims
 * what it returns (FOR UPDATE SKIP LOCKED, then a lease): two nodes' workers never send one
 * delivery at once, and one that died mid-send leaves it to another once the lease ends.
 */
export class PgDeliveryOutbox implements DeliveryOutbox {
  constructor(
    private readonly pool: pg.Pool,
    private readonly cipher: ColumnCipher,
  ) {}

  async enqueue(item: NewDelivery, nowMs: number): Promise<PendingDelivery> {
    const id = randomUUID();
    await this.pool.query(
      `INSERT INTO outbound_deliveries (id, kind, consultation_id, reference, payload, created_at_ms, next_attempt_at_ms)
       VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT (kind, reference) DO NOTHING`,
      [id, item.kind, item.consultationId, item.reference, this.cipher.sealJson(item.payload, where(id)), nowMs],
    );
    const { rows } = await this.pool.query<PgRow>(
      'SELECT * FROM outbound_deliveries WHERE kind = $1 AND reference = $2',
      [item.kind, item.reference],
    );
    return this.pending(rows[0]!);
  }

  async get(id: string): Promise<PendingDelivery | null> {
    const { rows } = await this.pool.query<PgRow>('SELECT * FROM outbound_deliveries WHERE id = $1', [id]);
    return rows[0] ? this.pending(rows[0]) : null;
  }

  async due(nowMs: number): Promise<PendingDelivery[]> {
    const { rows } = await this.pool.query<PgRow>(
      `UPDATE outbound_deliveries SET claimed_until_ms = $2 WHERE id IN (
         SELECT id FROM outbound_deliveries
         WHERE delivered_at_ms IS NULL AND next_attempt_at_ms <= $1 AND coalesce(claimed_until_ms, 0) <= $1
         ORDER BY next_attempt_at_ms FOR UPDATE SKIP LOCKED)
       RETURNING *`,
      [nowMs, nowMs + CLAIM_MS],
    );
    return rows
      .sort((a, b) => Number(a.next_attempt_at_ms) - Number(b.next_attempt_at_ms))
      .map((row) => this.pending(row));
  }

  async ofConsultation(consultationId: string): Promise<DeliveryStatus[]> {
    const { rows } = await this.pool.query<PgRow>(
      'SELECT * FROM outbound_deliveries WHERE consultation_id = $1 ORDER BY created_at_ms',
      [consultationId],
    );
    return rows.map((row) => status(numbers(row)));
  }

  async undelivered(): Promise<DeliveryStatus[]> {
    const { rows } = await this.pool.query<PgRow>(
      'SELECT * FROM outbound_deliveries WHERE delivered_at_ms IS NULL ORDER BY created_at_ms',
    );
    return rows.map((row) => status(numbers(row)));
  }

  async markDelivered(id: string, receipt: string, nowMs: number): Promise<void> {
    await this.pool.query(
      `UPDATE outbound_deliveries SET attempts = attempts + 1, delivered_at_ms = $1, receipt = $2, last_error = NULL,
         claimed_until_ms = NULL WHERE id = $3`,
      [nowMs, receipt, id],
    );
  }

  async markFailed(id: string, error: string, nextAttemptAtMs: number): Promise<void> {
    await this.pool.query(
      `UPDATE outbound_deliveries SET attempts = attempts + 1, last_error = $1, next_attempt_at_ms = $2,
         claimed_until_ms = NULL WHERE id = $3`,
      [error.slice(0, 300), nextAttemptAtMs, id],
    );
  }

  /** Due now; a lease another node holds stands (it is sending it): no second send meanwhile. */
  async retryNow(id: string, nowMs: number): Promise<boolean> {
    const updated = await this.pool.query(
      'UPDATE outbound_deliveries SET next_attempt_at_ms = $1 WHERE id = $2 AND delivered_at_ms IS NULL',
      [nowMs, id],
    );
    return updated.rowCount === 1;
  }

  private pending(row: PgRow): PendingDelivery {
    return { ...status(numbers(row)), payload: this.cipher.openJson<unknown>(row.payload, where(row.id)) };
  }
}

/** BIGINT columns arrive as text; the payload is read apart (sealed). */
function numbers(row: PgRow): Row {
  return {
    ...row,
    payload: '',
    next_attempt_at_ms: Number(row.next_attempt_at_ms),
    delivered_at_ms: row.delivered_at_ms === null ? null : Number(row.delivered_at_ms),
  };
}
