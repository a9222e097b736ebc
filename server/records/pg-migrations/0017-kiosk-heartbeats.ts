import type { PgMigration } from './index';

/**
 * Each kiosk's last heartbeat, as SQLite's migration 0022: one row a kiosk, so every node's fleet
 * view is the same, and the claim of the one node that flagged a silent kiosk.
 */
export const migration0017: PgMigration = {
  version: 17,
  name: 'kiosk-heartbeats',
  sql: `
    CREATE TABLE kiosk_heartbeats (
      kiosk_id TEXT PRIMARY KEY,
      beat TEXT NOT NULL,
      seen_at_ms BIGINT NOT NULL,
      silent_flagged_at_ms BIGINT
    );
    CREATE INDEX kiosk_heartbeats_seen ON kiosk_heartbeats (seen_at_ms);
  `,
};
