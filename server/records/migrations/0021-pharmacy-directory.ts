import type { RecordsMigration } from './index';

/**
 * Which pharmacy owns which kiosks, formerly `pharmacies.json` in each node's data folder (the
 * operator had to copy it to every node). A kiosk belongs to one pharmacy at most: its id is the
 * key of `pharmacy_kiosks`. `position` orders a pharmacy's cabins as they were assigned; the one
 * row of `pharmacy_directory_revision` grows with every change, so a node polls one number to know
 * whether to read the directory again. No health data: names, towns and cabin labels.
 */
export const migration0021: RecordsMigration = {
  version: 21,
  name: 'pharmacy-directory',
  up(db) {
    db.exec(`
      CREATE TABLE pharmacies (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        town TEXT
      ) STRICT;
      CREATE TABLE pharmacy_kiosks (
        kiosk_id TEXT PRIMARY KEY,
        pharmacy_id TEXT NOT NULL REFERENCES pharmacies (id),
        label TEXT NOT NULL,
        position INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX pharmacy_kiosks_pharmacy ON pharmacy_kiosks (pharmacy_id, position);
      CREATE TABLE pharmacy_directory_revision (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        revision INTEGER NOT NULL
      ) STRICT;
      INSERT INTO pharmacy_directory_revision (id, revision) VALUES (1, 0);
    `);
  },
};
