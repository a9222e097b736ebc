import type { RecordsMigration } from './index';

/**
 * What the platform must deliver outside itself and may not lose (issue 21): the e-prescription to
 * the Assurance Maladie's service and the consultation report to the médecin traitant over MSSanté.
 * A row is written before the first attempt and stays until delivered; each failure keeps its reason
 * (shown to the doctor) and when to try again. `payload` is the JSON of what is sent (health data:
 * this file is encrypted). Beside it, the withdrawals of a consent given per use at the kiosk, with
 * their date and who recorded them (the pharmacist at the patient's request, or an administrator).
 */
export const migration0018: RecordsMigration = {
  version: 18,
  name: 'deliveries-consent-withdrawals',
  up(db) {
    db.exec(`
      CREATE TABLE outbound_deliveries (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('eprescription', 'mssante-report')),
        consultation_id TEXT,
        reference TEXT NOT NULL,
        payload TEXT NOT NULL,
        created_at_ms INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        next_attempt_at_ms INTEGER NOT NULL,
        delivered_at_ms INTEGER,
        receipt TEXT,
        UNIQUE (kind, reference)
      ) STRICT;
      CREATE INDEX outbound_deliveries_due ON outbound_deliveries (delivered_at_ms, next_attempt_at_ms);
      CREATE INDEX outbound_deliveries_consultation ON outbound_deliveries (consultation_id);
      CREATE TABLE consent_withdrawals (
        session_id TEXT NOT NULL,
        use TEXT NOT NULL,
        withdrawn_at TEXT NOT NULL,
        recorded_by TEXT NOT NULL,
        PRIMARY KEY (session_id, use)
      ) STRICT;
    `);
  },
};
