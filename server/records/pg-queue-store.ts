import type pg from 'pg';
import type { AwayPlace } from '../calls/away-places';
import type { QueueChanges, SavedConsultation } from '../calls/queue-journal';
import { StaleEpochError, type EpochQueueStore } from '../cluster/call-fence';
import type { ColumnCipher } from './column-cipher';
import { entryOf } from './sqlite-queue-store';

/**
 * The queue's rows (PostgreSQL migration 0002) on the records' pool; the entry (queue entry and
 * identity) and the phone sealed under the data key, each bound to its consultation. Every load and
 * write passes the call node's fence first (migration 0018, server/cluster/call-fence.ts), in its
 * transaction: the fence's row stays locked until the commit, so two nodes' writes are ordered and
 * the one with the older epoch is refused.
 */
export class PgQueueStore implements EpochQueueStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly cipher: ColumnCipher,
  ) {}

  async highestEpoch(): Promise<number> {
    const { rows } = await this.pool.query<{ epoch: string }>('SELECT epoch FROM call_node_fence WHERE id = 1');
    return Number(rows[0]?.epoch ?? 0);
  }

  async load(endedBefore: number, epoch: number): Promise<{ consultations: SavedConsultation[]; places: AwayPlace[] }> {
    // The new reign is fenced in before it reads: a write of the old one after this read is refused.
    await this.inTransaction(epoch, async (client) => {
      await client.query("DELETE FROM queue_consultations WHERE state = 'ended' AND joined_at_ms < $1", [endedBefore]);
    });
    const rows = await this.pool.query<{
      consultation_id: string;
      session_id: string;
      kiosk_id: string;
      state: SavedConsultation['state'];
      joined_at_ms: string;
      entry: Buffer;
    }>('SELECT * FROM queue_consultations ORDER BY joined_at_ms');
    const places = await this.pool.query<{
      consultation_id: string;
      ticket: number;
      kiosk_id: string;
      phone: Buffer | null;
      since_ms: string;
      status: AwayPlace['status'];
      held_until_ms: string | null;
    }>('SELECT * FROM queue_away_places ORDER BY since_ms');
    return {
      consultations: rows.rows.map((r) => ({
        consultationId: r.consultation_id,
        sessionId: r.session_id,
        kioskId: r.kiosk_id,
        state: r.state,
        joinedAt: Number(r.joined_at_ms),
        ...this.cipher.openJson<ReturnType<typeof entryOf>>(r.entry, `queue_consultations.entry:${r.consultation_id}`),
      })),
      places: places.rows.map((r) => ({
        consultationId: r.consultation_id,
        ticket: r.ticket,
        kioskId: r.kiosk_id,
        phone: r.phone
          ? this.cipher.open(r.phone, `queue_away_places.phone:${r.consultation_id}`).toString('utf8')
          : null,
        since: Number(r.since_ms),
        status: r.status,
        heldUntil: r.held_until_ms === null ? null : Number(r.held_until_ms),
      })),
    };
  }

  async write(changes: QueueChanges, epoch: number): Promise<void> {
    await this.inTransaction(epoch, async (client) => {
      for (const c of changes.put)
        await client.query(
          `INSERT INTO queue_consultations (consultation_id, session_id, kiosk_id, state, joined_at_ms, entry)
           VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (consultation_id) DO UPDATE SET state = excluded.state, entry = excluded.entry`,
          [c.consultationId, c.sessionId, c.kioskId, c.state, c.joinedAt, this.sealEntry(c)],
        );
      for (const id of changes.remove)
        await client.query('DELETE FROM queue_consultations WHERE consultation_id = $1', [id]);
      for (const p of changes.putPlaces) await this.putPlace(client, p);
      for (const id of changes.removePlaces)
        await client.query('DELETE FROM queue_away_places WHERE consultation_id = $1', [id]);
    });
  }

  /** `work` in a transaction that first raises the fence to `epoch`, or refuses (StaleEpochError). */
  private async inTransaction(epoch: number, work: (client: pg.ClientBase) => Promise<void>): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const raised = await client.query('UPDATE call_node_fence SET epoch = $1 WHERE id = 1 AND epoch <= $1', [epoch]);
      if (raised.rowCount !== 1) {
        const { rows } = await client.query<{ epoch: string }>('SELECT epoch FROM call_node_fence WHERE id = 1');
        throw new StaleEpochError(epoch, Number(rows[0]?.epoch ?? 0));
      }
      await work(client);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  private sealEntry(c: SavedConsultation): Buffer {
    return this.cipher.sealJson(entryOf(c), `queue_consultations.entry:${c.consultationId}`);
  }

  private async putPlace(client: pg.ClientBase, p: AwayPlace): Promise<void> {
    const phone =
      p.phone === null ? null : this.cipher.seal(Buffer.from(p.phone), `queue_away_places.phone:${p.consultationId}`);
    await client.query(
      `INSERT INTO queue_away_places (consultation_id, ticket, kiosk_id, phone, since_ms, status, held_until_ms)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (consultation_id) DO UPDATE SET status = excluded.status, held_until_ms = excluded.held_until_ms`,
      [p.consultationId, p.ticket, p.kioskId, phone, p.since, p.status, p.heldUntil],
    );
  }
}
