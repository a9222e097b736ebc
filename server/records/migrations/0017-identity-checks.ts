import type { RecordsMigration } from './index';

/**
 * Identity vigilance during the session (issue 21): which kiosk an identity came from (the
 * pharmacist sees only her pharmacy's) and the outcome of the INSi search the platform ran when it
 * arrived (JSON: kind and time; the pharmacist and the doctor are told it plainly), and the traits
 * as the kiosk gave them (INSi's replace them once recovered: a replayed batch is told from a
 * corrected identity by these). And the audit of
 * every identity document checked: the kind of document, who (pharmacist or doctor, by account id),
 * when, and the status it gave. Never the document's number nor an image: RNIV asks that the check
 * be recorded, not that the document be kept.
 */
export const migration0017: RecordsMigration = {
  version: 17,
  name: 'identity-checks',
  up(db) {
    db.exec(`
      ALTER TABLE consultation_ins_identity ADD COLUMN kiosk_id TEXT;
      ALTER TABLE consultation_ins_identity ADD COLUMN source TEXT CHECK (source IN ('card', 'manual'));
      ALTER TABLE consultation_ins_identity ADD COLUMN insi_outcome TEXT;
      ALTER TABLE consultation_ins_identity ADD COLUMN given_traits TEXT;
      CREATE INDEX consultation_ins_identity_kiosk ON consultation_ins_identity (kiosk_id, updated_at);
      CREATE TABLE identity_document_checks (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        session_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('CN', 'PA', 'CS', 'eCN')),
        checked_by_role TEXT NOT NULL CHECK (checked_by_role IN ('pharmacist', 'doctor')),
        checked_by TEXT NOT NULL,
        checked_at TEXT NOT NULL,
        status_after TEXT NOT NULL CHECK (status_after IN ('validated', 'qualified'))
      ) STRICT;
      CREATE INDEX identity_document_checks_session ON identity_document_checks (session_id, seq);
    `);
  },
};
