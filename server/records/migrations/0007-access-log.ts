import type { RecordsMigration } from './index';

/**
 * The access log: every read of a consultation's data and every refused attempt, ids only (no health
 * data). Append-only: triggers refuse UPDATE and DELETE, and each row's `hash` chains it to the
 * previous one (server/access/access-chain.ts), so a row edited or removed by other means shows in
 * the verification. AUTOINCREMENT keeps the highest number ever given in sqlite_sequence, which
 * shows rows cut off the end.
 */
export const migration0007: RecordsMigration = {
  version: 7,
  name: 'access-log',
  up(db) {
    db.exec(`
      CREATE TABLE access_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at_ms INTEGER NOT NULL,
        actor_kind TEXT NOT NULL,
        actor_id TEXT,
        action TEXT NOT NULL,
        resource TEXT NOT NULL,
        resource_id TEXT NOT NULL,
        consultation_id TEXT,
        outcome TEXT NOT NULL CHECK (outcome IN ('allowed', 'refused')),
        reason TEXT,
        remote_address TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;
      CREATE INDEX access_log_actor ON access_log(actor_kind, actor_id, at_ms);
      CREATE INDEX access_log_consultation ON access_log(consultation_id, at_ms);
      CREATE INDEX access_log_time ON access_log(at_ms);
      CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
        BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
      CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
        BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
    `);
  },
};
