import type { RecordsMigration } from './index';

/**
 * The prescription counter: one row, incremented by one statement, so two issuers (two platform
 * processes, or two connections) can never be handed the same number.
 */
export const migration0002: RecordsMigration = {
  version: 2,
  name: 'prescription-counter',
  up(db) {
    db.exec(`
      CREATE TABLE prescription_counter (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        value INTEGER NOT NULL CHECK (value >= 0)
      ) STRICT;
    `);
  },
};
