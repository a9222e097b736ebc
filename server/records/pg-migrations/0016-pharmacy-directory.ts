import type { PgMigration } from './index';

/**
 * Which pharmacy owns which kiosks, as SQLite's migration 0021: every node reads the same
 * directory. A kiosk belongs to one pharmacy at most (the key of `pharmacy_kiosks`); the revision
 * row is what nodes poll to know the directory changed. No health data: nothing sealed.
 */
export const migration0016: PgMigration = {
  version: 16,
  name: 'pharmacy-directory',
  sql: `
    CREATE TABLE pharmacies (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      town TEXT
    );
    CREATE TABLE pharmacy_kiosks (
      kiosk_id TEXT PRIMARY KEY,
      pharmacy_id TEXT NOT NULL REFERENCES pharmacies (id),
      label TEXT NOT NULL,
      position BIGINT NOT NULL
    );
    CREATE INDEX pharmacy_kiosks_pharmacy ON pharmacy_kiosks (pharmacy_id, position);
    CREATE TABLE pharmacy_directory_revision (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      revision BIGINT NOT NULL
    );
    INSERT INTO pharmacy_directory_revision (id, revision) VALUES (1, 0);
  `,
};
