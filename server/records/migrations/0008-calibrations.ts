import type { RecordsMigration } from './index';

/**
 * The kiosks' calibration checks (their maintenance registers' calibrations, one row per check,
 * the whole record kept as sent), and `received_items` without a required session: a register
 * line belongs to a kiosk, not to a patient's session. SQLite cannot drop a NOT NULL, so the
 * ledger is copied into a new table.
 */
export const migration0008: RecordsMigration = {
  version: 8,
  name: 'calibrations',
  up(db) {
    db.exec(`
      CREATE TABLE calibrations (
        id TEXT PRIMARY KEY,
        kiosk_id TEXT NOT NULL,
        device_id TEXT NOT NULL,
        performed_at TEXT NOT NULL,
        result TEXT NOT NULL CHECK (result IN ('passed', 'failed')),
        valid_until TEXT,
        record TEXT NOT NULL
      ) STRICT;
      CREATE INDEX calibrations_device ON calibrations(kiosk_id, device_id, performed_at);
      CREATE TABLE received_items_v8 (
        id TEXT PRIMARY KEY,
        session_id TEXT,
        kind TEXT NOT NULL,
        received_at_ms INTEGER NOT NULL
      ) STRICT;
      INSERT INTO received_items_v8 (id, session_id, kind, received_at_ms)
        SELECT id, session_id, kind, received_at_ms FROM received_items;
      DROP TABLE received_items;
      ALTER TABLE received_items_v8 RENAME TO received_items;
    `);
  },
};
