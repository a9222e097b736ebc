import type { RecordsMigration } from './index';

/**
 * Who may read a consultation's records: the doctors who took part in it (one row each, written when
 * the doctor accepts the patient), and the colleagues a participant shared it with (who shared,
 * when). Records are keyed by the kiosk's session, hence the session index.
 */
export const migration0006: RecordsMigration = {
  version: 6,
  name: 'consultation-access',
  up(db) {
    db.exec(`
      CREATE TABLE consultation_participants (
        consultation_id TEXT NOT NULL,
        doctor_id TEXT NOT NULL,
        session_id TEXT NOT NULL,
        kiosk_id TEXT NOT NULL,
        joined_at_ms INTEGER NOT NULL,
        PRIMARY KEY (consultation_id, doctor_id)
      ) STRICT;
      CREATE INDEX consultation_participants_session ON consultation_participants(session_id);
      CREATE TABLE consultation_shares (
        consultation_id TEXT NOT NULL,
        doctor_id TEXT NOT NULL,
        shared_by TEXT NOT NULL,
        shared_at_ms INTEGER NOT NULL,
        PRIMARY KEY (consultation_id, doctor_id)
      ) STRICT;
    `);
  },
};
