import type { Migration } from './migration';

/**
 * A patient without an NIR (a foreign patient, no card) identifies with the INS reference traits
 * typed on the keyboard (issue 21): the NIR becomes optional and the traits (birth name, first
 * names, sex, INSEE birthplace code, used names; JSON, health data like the rest of the file) are
 * kept beside it. SQLite cannot drop a NOT NULL: the table is rebuilt, rows kept as they were.
 */
export const migration0008: Migration = {
  version: 8,
  name: 'identity-traits',
  up(db) {
    db.exec(`
      CREATE TABLE identities_new (
        session_id TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
        last_name TEXT NOT NULL,
        first_name TEXT NOT NULL,
        birth_date TEXT NOT NULL,
        nir TEXT,
        source TEXT NOT NULL CHECK (source IN ('card', 'manual')),
        saved_at_ms INTEGER NOT NULL,
        traits TEXT,
        CHECK (nir IS NOT NULL OR traits IS NOT NULL)
      ) STRICT;
      INSERT INTO identities_new (session_id, last_name, first_name, birth_date, nir, source, saved_at_ms)
        SELECT session_id, last_name, first_name, birth_date, nir, source, saved_at_ms FROM identities;
      DROP TABLE identities;
      ALTER TABLE identities_new RENAME TO identities;
    `);
  },
};
