import type { Migration } from './migration';

/** Sessions and what the patient gives during one: identity, consent, intake answers. */
export const migration0001: Migration = {
  version: 1,
  name: 'sessions',
  up(db) {
    db.exec(`
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        kiosk_id TEXT NOT NULL,
        started_at TEXT NOT NULL,
        ended_at TEXT,
        outcome TEXT,
        prescription_number TEXT,
        rating INTEGER,
        closed_at_ms INTEGER,
        purged_at_ms INTEGER
      ) STRICT;
      CREATE TABLE identities (
        session_id TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
        last_name TEXT NOT NULL,
        first_name TEXT NOT NULL,
        birth_date TEXT NOT NULL,
        nir TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('card', 'manual')),
        saved_at_ms INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE consents (
        id INTEGER PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        text_version TEXT NOT NULL,
        teleconsultation INTEGER NOT NULL CHECK (teleconsultation IN (0, 1)),
        secondary_use INTEGER NOT NULL CHECK (secondary_use IN (0, 1)),
        answered_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX consents_session ON consents(session_id);
      CREATE TABLE intakes (
        session_id TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
        answers TEXT NOT NULL,
        saved_at_ms INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
