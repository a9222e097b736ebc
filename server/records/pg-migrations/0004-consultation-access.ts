import type { PgMigration } from './index';

/**
 * Who may read a consultation's data, as SQLite's migration 0006: the doctors who took part and the
 * colleagues a participant shared it with. Ids and times only, no health data: nothing sealed.
 */
export const migration0004: PgMigration = {
  version: 4,
  name: 'consultation-access',
  sql: `
    CREATE TABLE consultation_participants (
      consultation_id TEXT NOT NULL,
      doctor_id TEXT NOT NULL,
      session_id TEXT NOT NULL,
      kiosk_id TEXT NOT NULL,
      joined_at_ms BIGINT NOT NULL,
      PRIMARY KEY (consultation_id, doctor_id)
    );
    CREATE INDEX consultation_participants_session ON consultation_participants (session_id);
    CREATE TABLE consultation_shares (
      consultation_id TEXT NOT NULL,
      doctor_id TEXT NOT NULL,
      shared_by TEXT NOT NULL,
      shared_at_ms BIGINT NOT NULL,
      PRIMARY KEY (consultation_id, doctor_id)
    );
  `,
};
