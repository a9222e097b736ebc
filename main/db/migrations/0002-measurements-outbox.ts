import type { Migration } from './migration';

/**
 * Measurements and the outbox. The outbox's AUTOINCREMENT seq is the delivery order (so items of a
 * session reach the platform in the order written); `id` is the stable id the platform dedups on.
 */
export const migration0002: Migration = {
  version: 2,
  name: 'measurements-outbox',
  up(db) {
    db.exec(`
      CREATE TABLE measurements (
        id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        device_id TEXT NOT NULL,
        taken_at TEXT NOT NULL,
        reading TEXT NOT NULL,
        recorded_at_ms INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX measurements_session ON measurements(session_id);
      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        payload TEXT NOT NULL,
        created_at_ms INTEGER NOT NULL,
        acked_at_ms INTEGER
      ) STRICT;
      CREATE INDEX outbox_pending ON outbox(seq) WHERE acked_at_ms IS NULL;
      CREATE INDEX outbox_session ON outbox(session_id);
    `);
  },
};
