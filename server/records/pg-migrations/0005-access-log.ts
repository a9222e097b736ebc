import type { PgMigration } from './index';

/**
 * The access log, as SQLite's migration 0007: ids only, each row chained to the previous by its
 * hash (server/access/access-chain.ts). Append-only: triggers refuse UPDATE, DELETE and TRUNCATE.
 * `access_log_head` holds the last number and hash given: appenders lock its one row (so two
 * nodes never chain to the same entry), and a verification sees rows cut off the end. Its trigger
 * lets it move one step forward only, with the row of that number in the log.
 */
export const migration0005: PgMigration = {
  version: 5,
  name: 'access-log',
  sql: `
    CREATE TABLE access_log (
      seq BIGINT PRIMARY KEY,
      at_ms BIGINT NOT NULL,
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
    );
    CREATE INDEX access_log_actor ON access_log (actor_kind, actor_id, at_ms);
    CREATE INDEX access_log_consultation ON access_log (consultation_id, at_ms);
    CREATE INDEX access_log_time ON access_log (at_ms);
    CREATE FUNCTION access_log_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'the access log is append-only'; END $$;
    CREATE TRIGGER access_log_no_update BEFORE UPDATE OR DELETE ON access_log
      FOR EACH ROW EXECUTE FUNCTION access_log_refuse();
    CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
      FOR EACH STATEMENT EXECUTE FUNCTION access_log_refuse();

    CREATE TABLE access_log_head (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      seq BIGINT NOT NULL,
      hash TEXT NOT NULL
    );
    INSERT INTO access_log_head VALUES (1, 0, '${'0'.repeat(64)}');
    CREATE FUNCTION access_log_head_forward() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'UPDATE' OR NEW.seq <> OLD.seq + 1
           OR NOT EXISTS (SELECT 1 FROM access_log WHERE seq = NEW.seq AND hash = NEW.hash) THEN
          RAISE EXCEPTION 'the access log head moves one appended entry forward only';
        END IF;
        RETURN NEW;
      END $$;
    CREATE TRIGGER access_log_head_only_forward BEFORE UPDATE OR DELETE ON access_log_head
      FOR EACH ROW EXECUTE FUNCTION access_log_head_forward();
    CREATE TRIGGER access_log_head_no_truncate BEFORE TRUNCATE ON access_log_head
      FOR EACH STATEMENT EXECUTE FUNCTION access_log_refuse();
  `,
};
