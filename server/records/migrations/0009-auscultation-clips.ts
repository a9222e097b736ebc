import type { RecordsMigration } from './index';

/**
 * Auscultation clips the doctor records during a call: the stethoscope's sound at one site, as a
 * WAV file, under the kiosk session of the consultation (where its readings are), with who
 * recorded it. One row per clip; the consultation's clips are read by session.
 */
export const migration0009: RecordsMigration = {
  version: 9,
  name: 'auscultation-clips',
  up(db) {
    db.exec(`
      CREATE TABLE auscultation_clips (
        id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL,
        kiosk_id TEXT NOT NULL,
        consultation_id TEXT NOT NULL,
        site TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        duration_ms INTEGER NOT NULL,
        sample_rate_hz INTEGER NOT NULL,
        doctor_rpps TEXT NOT NULL,
        wav BLOB NOT NULL
      ) STRICT;
      CREATE INDEX auscultation_clips_by_session ON auscultation_clips (session_id, recorded_at);
    `);
  },
};
