import type { RecordsMigration } from './index';

/**
 * Each kiosk's last heartbeat (one row a kiosk, written at most every few seconds: see
 * server/api/fleet-registry.ts), so every node's fleet view is the same. `silent_flagged_at_ms` is
 * the claim of the one node that flagged the kiosk silent (cleared by its next heartbeat). Device
 * states and versions only, no patient data.
 */
export const migration0022: RecordsMigration = {
  version: 22,
  name: 'kiosk-heartbeats',
  up(db) {
    db.exec(`
      CREATE TABLE kiosk_heartbeats (
        kiosk_id TEXT PRIMARY KEY,
        beat TEXT NOT NULL,
        seen_at_ms INTEGER NOT NULL,
        silent_flagged_at_ms INTEGER
      ) STRICT;
      CREATE INDEX kiosk_heartbeats_seen ON kiosk_heartbeats (seen_at_ms);
    `);
  },
};
