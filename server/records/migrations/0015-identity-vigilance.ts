import type { RecordsMigration } from './index';

/**
 * Identity vigilance and consent per consultation (issue 21). The INS identity as RNIV has it: the
 * traits, the INS and its OID once INSi gave them, the status (provisional, recovered, validated,
 * qualified, checked here so no other word can be stored) and the document checked; and one
 * consent row per use, each tied to the text shown (version, language, SHA-256), withdrawn in place.
 * The JSON columns are health data: the file is encrypted as a whole (records-database.ts).
 */
export const migration0015: RecordsMigration = {
  version: 15,
  name: 'identity-vigilance',
  up(db) {
    db.exec(`
      CREATE TABLE consultation_ins_identity (
        session_id TEXT PRIMARY KEY,
        identity TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('provisional', 'recovered', 'validated', 'qualified')),
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE consultation_consents (
        session_id TEXT NOT NULL,
        use TEXT NOT NULL,
        record TEXT NOT NULL,
        granted INTEGER NOT NULL CHECK (granted IN (0, 1)),
        text_sha256 TEXT NOT NULL CHECK (length(text_sha256) = 64),
        withdrawn_at TEXT,
        PRIMARY KEY (session_id, use)
      ) STRICT;
    `);
  },
};
