import type { RecordsMigration } from './index';

/**
 * Signed-in doctors' and pharmacists' sessions, so a restart signs nobody out and a sign-out counts
 * everywhere. Only the SHA-256 of the bearer token is kept (a copy of this file lets no one in);
 * `holder` is the JSON of who the session speaks for. Expired rows are purged as sessions are made.
 */
export const migration0020: RecordsMigration = {
  version: 20,
  name: 'staff-sessions',
  up(db) {
    db.exec(`
      CREATE TABLE staff_sessions (
        token_hash TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('doctor', 'pharmacist')),
        holder TEXT NOT NULL,
        created_at_ms INTEGER NOT NULL,
        expires_at_ms INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX staff_sessions_expiry ON staff_sessions (expires_at_ms);
    `);
  },
};
