import type Database from 'better-sqlite3-multiple-ciphers';
import type { AwayPlace } from '../calls/away-places';
import type { QueueChanges, QueueStore, SavedConsultation } from '../calls/queue-journal';
import type { EpochQueueStore } from '../cluster/call-fence';

type ConsultationRow = {
  consultation_id: string;
  session_id: string;
  kiosk_id: string;
  state: SavedConsultation['state'];
  joined_at_ms: number;
  entry: string;
};
type PlaceRow = {
  consultation_id: string;
  ticket: number;
  kiosk_id: string;
  phone: string | null;
  since_ms: number;
  status: AwayPlace['status'];
  held_until_ms: number | null;
};

/**
 * The queue's rows (migration 0016) in the records database; the whole file is encrypted. Not
 * fenced (server/cluster/call-fence.ts): the file is one node's, the only one writing it, so
 * every epoch is that node's (trivially the highest).
 */
export class SqliteQueueStore implements QueueStore, EpochQueueStore {
  constructor(private readonly db: Database.Database) {}

  highestEpoch(): Promise<number> {
    return Promise.resolve(0);
  }

  load(endedBefore: number): Promise<{ consultations: SavedConsultation[]; places: AwayPlace[] }> {
    const read = this.db.transaction(() => {
      this.db.prepare("DELETE FROM queue_consultations WHERE state = 'ended' AND joined_at_ms < ?").run(endedBefore);
      const rows = this.db
        .prepare<[], ConsultationRow>('SELECT * FROM queue_consultations ORDER BY joined_at_ms')
        .all();
      const places = this.db.prepare<[], PlaceRow>('SELECT * FROM queue_away_places ORDER BY since_ms').all();
      return { rows, places };
    });
    const { rows, places } = read();
    return Promise.resolve({ consultations: rows.map(fromRow), places: places.map(placeFromRow) });
  }

  write(changes: QueueChanges): Promise<void> {
    const upsert = this.db.prepare(
      `INSERT INTO queue_consultations (consultation_id, session_id, kiosk_id, state, joined_at_ms, entry)
       VALUES (@consultationId, @sessionId, @kioskId, @state, @joinedAt, @entry)
       ON CONFLICT (consultation_id) DO UPDATE SET state = excluded.state, entry = excluded.entry`,
    );
    const putPlace = this.db.prepare(
      `INSERT INTO queue_away_places (consultation_id, ticket, kiosk_id, phone, since_ms, status, held_until_ms)
       VALUES (@consultationId, @ticket, @kioskId, @phone, @since, @status, @heldUntil)
       ON CONFLICT (consultation_id) DO UPDATE SET status = excluded.status, held_until_ms = excluded.held_until_ms`,
    );
    const remove = this.db.prepare('DELETE FROM queue_consultations WHERE consultation_id = ?');
    const removePlace = this.db.prepare('DELETE FROM queue_away_places WHERE consultation_id = ?');
    this.db.transaction(() => {
      for (const c of changes.put) upsert.run({ ...c, entry: JSON.stringify(entryOf(c)) });
      for (const id of changes.remove) remove.run(id);
      for (const p of changes.putPlaces) putPlace.run(p);
      for (const id of changes.removePlaces) removePlace.run(id);
    })();
    return Promise.resolve();
  }
}

/** What the queue needs of a consultation beyond its keys: health data, kept together. */
export function entryOf(c: SavedConsultation): Pick<SavedConsultation, 'queueEntry' | 'identity' | 'call' | 'booked'> {
  return { queueEntry: c.queueEntry, identity: c.identity, call: c.call ?? null, booked: c.booked ?? null };
}

function fromRow(r: ConsultationRow): SavedConsultation {
  const entry = JSON.parse(r.entry) as ReturnType<typeof entryOf>;
  return {
    consultationId: r.consultation_id,
    sessionId: r.session_id,
    kioskId: r.kiosk_id,
    state: r.state,
    joinedAt: r.joined_at_ms,
    ...entry,
  };
}

function placeFromRow(r: PlaceRow): AwayPlace {
  return {
    consultationId: r.consultation_id,
    ticket: r.ticket,
    kioskId: r.kiosk_id,
    phone: r.phone,
    since: r.since_ms,
    status: r.status,
    heldUntil: r.held_until_ms,
  };
}
