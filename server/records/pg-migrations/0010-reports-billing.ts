import type { PgMigration } from './index';

/**
 * The doctors' reports and the billing rows, as SQLite's migrations 0005, 0012 and 0013 left them,
 * so every node stores and reads the same ones. The report (notes, readings, prescription) and the
 * NIR are sealed under the data key (column-cipher.ts); ids, days, pharmacy and amounts stay in
 * clear for the look-ups, the counts and the monthly export.
 */
export const migration0010: PgMigration = {
  version: 10,
  name: 'reports-billing',
  sql: `
    CREATE TABLE consultation_reports (
      consultation_id TEXT PRIMARY KEY,
      session_id TEXT NOT NULL,
      doctor_id TEXT NOT NULL,
      ended_at TEXT NOT NULL,
      report BYTEA NOT NULL
    );
    CREATE TABLE billing_entries (
      consultation_id TEXT PRIMARY KEY,
      ended_at TEXT NOT NULL,
      day TEXT NOT NULL,
      pharmacy_id TEXT,
      kiosk_id TEXT NOT NULL,
      doctor_rpps TEXT NOT NULL,
      nir BYTEA,
      act_code TEXT NOT NULL,
      amount_cents INTEGER NOT NULL,
      teleconsultation_act TEXT NOT NULL,
      teleconsultation_fee_cents INTEGER,
      coverage TEXT NOT NULL
    );
    CREATE INDEX billing_entries_by_pharmacy ON billing_entries (pharmacy_id, day);
  `,
};
