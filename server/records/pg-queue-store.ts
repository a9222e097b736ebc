import type pg from 'pg';
import type { AwayPlace } from '../calls/away-places';
import type { QueueChanges, QueueStore, SavedConsultation } from '../calls/queue-journal';
import type { ColumnCipher } from './column-cipher';
import { entryOf } from './sqlite-queue-store';

/**
 * The queue's rows (PostgreSQL migration 0002) on the records' pool; the entry (queue entry and
 * identity) and the phone sealed under the data key, each bound to its consultation.
 */
export class PgQueueStore implements QueueStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly cipher: ColumnCipher,
  ) {}

  async load(endedBefore: number): Promise<{ consultations: SavedConsultation[]; places: AwayPlace[] }> {
    await this.pool.query("DELETE FROM queue_consultations WHERE state = 'ended' AND joined_at_ms < $1", [endedBefore]);
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

  async write(changes: QueueChanges): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
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
