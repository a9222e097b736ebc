import type { PgMigration } from './index';

/**
 * The issued prescriptions and their counter, as SQLite's migrations 0002 and 0005: the prescription
 * (medicines, dosages, the patient printed on it) sealed under the data key (column-cipher.ts), its
 * number, consultation and kiosk in clear for the look-ups. The counter is one row every issuer
 * increments in one statement: its row lock makes issuers on every node take turns.
 */
export const migration0006: PgMigration = {
  version: 6,
  name: 'prescriptions',
  sql: `
    CREATE TABLE prescriptions (
      number TEXT PRIMARY KEY,
      consultation_id TEXT,
      kiosk_id TEXT,
      issued_at TEXT NOT NULL,
      prescription BYTEA NOT NULL
    );
    CREATE INDEX prescriptions_consultation ON prescriptions (consultation_id);
    CREATE TABLE prescription_counter (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      value BIGINT NOT NULL
    );
    INSERT INTO prescription_counter VALUES (1, 0);
  `,
};
