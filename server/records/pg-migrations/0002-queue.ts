import type { PgMigration } from './index';

/**
 * The queue, as SQLite's migration 0016 (server/records/migrations/0016-queue.ts): the entry (queue
 * entry and identity) and the patient's phone sealed under the data key (column-cipher.ts).
 */
export const migration0002: PgMigration = {
  version: 2,
  name: 'queue',
  sql: `
    CREATE TABLE queue_consultations (
      consultation_id TEXT PRIMARY KEY,
      session_id TEXT NOT NULL UNIQUE,
      kiosk_id TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('waiting', 'in-call', 'ended')),
      joined_at_ms BIGINT NOT NULL,
      entry BYTEA NOT NULL
    );
    CREATE TABLE queue_away_places (
      consultation_id TEXT PRIMARY KEY,
      ticket INTEGER NOT NULL,
      kiosk_id TEXT NOT NULL,
      phone BYTEA,
      since_ms BIGINT NOT NULL,
      status TEXT NOT NULL,
      held_until_ms BIGINT
    );
  `,
};
