import type { PgMigration } from './index';

/**
 * The withdrawals of per-use consents, as SQLite's migration 0018: a withdrawal is a fact with its
 * date and who recorded it, beside the consents the kiosk synced (migration 0001, sealed). A row
 * holds a session id, a use code, a date and a staff id, no health data: nothing sealed.
 */
export const migration0013: PgMigration = {
  version: 13,
  name: 'consent-withdrawals',
  sql: `
    CREATE TABLE consent_withdrawals (
      session_id TEXT NOT NULL,
      use TEXT NOT NULL,
      withdrawn_at TEXT NOT NULL,
      recorded_by TEXT NOT NULL,
      PRIMARY KEY (session_id, use)
    );
  `,
};
