import type { RecordsMigration } from './index';

/**
 * One row per assisted teleconsultation a doctor took and ended with a report (issue 18 item 8):
 * what the pharmacy bills and counts per day and month. Unique on the consultation, so an end that
 * is retried writes it once. `pharmacy_id` is the kiosk's pharmacy at the end of the call (null for
 * a kiosk of no pharmacy); `nir` is null when the consultation had no identity.
 */
export const migration0012: RecordsMigration = {
  version: 12,
  name: 'billing-entries',
  up(db) {
    db.exec(`
      CREATE TABLE billing_entries (
        consultation_id TEXT PRIMARY KEY,
        ended_at TEXT NOT NULL,
        -- The day in France (Europe/Paris), YYYY-MM-DD: what the counts and the monthly export group by.
        day TEXT NOT NULL,
        pharmacy_id TEXT,
        kiosk_id TEXT NOT NULL,
        doctor_rpps TEXT NOT NULL,
        nir TEXT,
        act_code TEXT NOT NULL,
        amount_cents INTEGER NOT NULL,
        teleconsultation_act TEXT NOT NULL,
        teleconsultation_fee_cents INTEGER NOT NULL,
        coverage TEXT NOT NULL
      ) STRICT;
      CREATE INDEX billing_entries_by_pharmacy ON billing_entries (pharmacy_id, day);
    `);
  },
};
