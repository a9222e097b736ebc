import type { Migration } from './migration';

/**
 * Calibration checks recorded whole, and register lines in the outbox:
 * - `calibrations.record`: the check as the wizard recorded it (every point, the reference and its
 *   certificate, the leak test; common/calibration/calibration-record.ts), from which the
 *   certificate is printed; null for lines written before. `certificate_number` beside it;
 * - `outbox.session_id` may be null: a register line belongs to no patient's session. SQLite
 *   cannot drop a NOT NULL, so the outbox is copied into a new table, its delivery order (seq) and
 *   the sequence's high mark kept, so no new row ever takes an old row's place in the order.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'calibration-records',
  up(db) {
    const sequence =
      db.prepare<[], { seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").get()?.seq ?? 0;
    db.exec(`
      ALTER TABLE calibrations ADD COLUMN certificate_number TEXT;
      ALTER TABLE calibrations ADD COLUMN record TEXT;
      CREATE TABLE outbox_v6 (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        session_id TEXT REFERENCES sessions(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        payload TEXT NOT NULL,
        created_at_ms INTEGER NOT NULL,
        acked_at_ms INTEGER
      ) STRICT;
      INSERT INTO outbox_v6 (seq, id, session_id, kind, payload, created_at_ms, acked_at_ms)
        SELECT seq, id, session_id, kind, payload, created_at_ms, acked_at_ms FROM outbox ORDER BY seq;
      DROP TABLE outbox;
      ALTER TABLE outbox_v6 RENAME TO outbox;
      CREATE INDEX outbox_pending ON outbox(seq) WHERE acked_at_ms IS NULL;
      CREATE INDEX outbox_session ON outbox(session_id);
      DELETE FROM sqlite_sequence WHERE name IN ('outbox', 'outbox_v6');
    `);
    const copied = db.prepare<[], { seq: number | null }>('SELECT max(seq) AS seq FROM outbox').get()?.seq ?? 0;
    db.prepare("INSERT INTO sqlite_sequence (name, seq) VALUES ('outbox', ?)").run(Math.max(sequence, copied));
  },
};
