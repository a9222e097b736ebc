import type { PgMigration } from './index';

/**
 * The doctors' and pharmacists' sessions, as SQLite's migration 0020: the SHA-256 of the bearer
 * token only, so every node finds a session another node made and a sign-out counts on all of them.
 */
export const migration0008: PgMigration = {
  version: 8,
  name: 'staff-sessions',
  sql: `
    CREATE TABLE staff_sessions (
      token_hash TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('doctor', 'pharmacist')),
      holder JSONB NOT NULL,
      created_at_ms BIGINT NOT NULL,
      expires_at_ms BIGINT NOT NULL
    );
    CREATE INDEX staff_sessions_expiry ON staff_sessions (expires_at_ms);
  `,
};
