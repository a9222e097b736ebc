import type { RecordsMigration } from './index';

/**
 * The doctors' reports and the issued prescriptions, health data that earlier platforms appended to
 * JSON-lines files in clear beside the database (consultation-reports.jsonl,
 * prescription-sequence.jsonl); here they are encrypted with the records. A prescription names its
 * consultation (null for those imported from the old file, which did not keep it).
 */
export const migration0005: RecordsMigration = {
  version: 5,
  name: 'reports-prescriptions',
  up(db) {
    db.exec(`
      CREATE TABLE consultation_reports (
        consultation_id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL,
        doctor_id TEXT NOT NULL,
        ended_at TEXT NOT NULL,
        report TEXT NOT NULL
      ) STRICT;
      CREATE TABLE prescriptions (
        number TEXT PRIMARY KEY,
        consultation_id TEXT,
        kiosk_id TEXT,
        issued_at TEXT NOT NULL,
        prescription TEXT NOT NULL
      ) STRICT;
      CREATE INDEX prescriptions_consultation ON prescriptions(consultation_id);
    `);
  },
};
