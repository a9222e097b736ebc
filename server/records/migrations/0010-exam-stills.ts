import type { RecordsMigration } from './index';

/**
 * Stills the doctor captures from the examination camera (otoscope, dermatoscope) during a call, at
 * the camera's full resolution, under the kiosk session of the consultation (where its readings
 * are), with who captured them; the FHIR export gives each as a Media resource.
 */
export const migration0010: RecordsMigration = {
  version: 10,
  name: 'exam-stills',
  up(db) {
    db.exec(`
      CREATE TABLE exam_stills (
        id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL,
        kiosk_id TEXT NOT NULL,
        consultation_id TEXT NOT NULL,
        captured_at TEXT NOT NULL,
        width INTEGER NOT NULL,
        height INTEGER NOT NULL,
        content_type TEXT NOT NULL,
        doctor_rpps TEXT NOT NULL,
        image BLOB NOT NULL
      ) STRICT;
      CREATE INDEX exam_stills_by_session ON exam_stills (session_id, captured_at);
    `);
  },
};
