import type { RecordsMigration } from './index';

/**
 * Consultations (one row per kiosk session, owned by its kiosk), their consents and measurements,
 * and `received_items`: every item id ever stored, the idempotency ledger of the batch route.
 */
export const migration0001: RecordsMigration = {
  version: 1,
  name: 'consultations-measurements-ledger',
  up(db) {
    db.exec(`
      CREATE TABLE consultations (
        session_id TEXT PRIMARY KEY,
        kiosk_id TEXT NOT NULL,
        started_at TEXT,
        ended_at TEXT,
        outcome TEXT,
        prescription_number TEXT,
        rating INTEGER,
        identity TEXT,
        intake TEXT
      ) STRICT;
      CREATE TABLE consents (
        id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES consultations(session_id),
        consent TEXT NOT NULL
      ) STRICT;
      CREATE TABLE measurements (
        id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES consultations(session_id),
        kind TEXT NOT NULL,
        taken_at TEXT NOT NULL,
        reading TEXT NOT NULL
      ) STRICT;
      CREATE INDEX measurements_session ON measurements(session_id);
      CREATE TABLE received_items (
        id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        received_at_ms INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
