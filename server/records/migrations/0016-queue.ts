import type { RecordsMigration } from './index';

/**
 * The queue outlives the platform's process (issue 15): the consultations under way with their place
 * (`joined_at_ms`) and what the queue needs of them (`entry`: the queue entry and the identity, as
 * JSON, in this encrypted file), ended sessions for a while (their ticket cannot queue again), and the
 * places kept for patients who left the cabin. Written by server/calls/queue-journal.ts.
 */
export const migration0016: RecordsMigration = {
  version: 16,
  name: 'queue',
  up(db) {
    db.exec(`
      CREATE TABLE queue_consultations (
        consultation_id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL UNIQUE,
        kiosk_id TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('waiting', 'in-call', 'ended')),
        joined_at_ms INTEGER NOT NULL,
        entry TEXT NOT NULL
      ) STRICT;
      CREATE TABLE queue_away_places (
        consultation_id TEXT PRIMARY KEY,
        ticket INTEGER NOT NULL,
        kiosk_id TEXT NOT NULL,
        phone TEXT,
        since_ms INTEGER NOT NULL,
        status TEXT NOT NULL,
        held_until_ms INTEGER
      ) STRICT;
    `);
  },
};
