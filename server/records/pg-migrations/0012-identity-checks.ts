import type { PgMigration } from './index';

/**
 * Identity vigilance (issue 21) as SQLite's migrations 0015 and 0017 left the session's INS
 * identity, so every node sees the same checks: the identity (traits, INS) and the traits as the
 * kiosk gave them are sealed under the data key; the status, kiosk, source and INSi's outcome (a
 * kind and a time) stay in clear for the pharmacy's list. The audit of document checks holds the
 * kind, who, when and the status given, never the document: nothing sealed there.
 */
export const migration0012: PgMigration = {
  version: 12,
  name: 'identity-checks',
  sql: `
    CREATE TABLE consultation_ins_identity (
      session_id TEXT PRIMARY KEY,
      identity BYTEA NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('provisional', 'recovered', 'validated', 'qualified')),
      updated_at TEXT NOT NULL,
      kiosk_id TEXT,
      source TEXT CHECK (source IN ('card', 'manual')),
      insi_outcome TEXT,
      given_traits BYTEA
    );
    CREATE INDEX consultation_ins_identity_kiosk ON consultation_ins_identity (kiosk_id, updated_at);
    CREATE TABLE identity_document_checks (
      seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      session_id TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('CN', 'PA', 'CS', 'eCN')),
      checked_by_role TEXT NOT NULL CHECK (checked_by_role IN ('pharmacist', 'doctor')),
      checked_by TEXT NOT NULL,
      checked_at TEXT NOT NULL,
      status_after TEXT NOT NULL CHECK (status_after IN ('validated', 'qualified'))
    );
    CREATE INDEX identity_document_checks_session ON identity_document_checks (session_id, seq);
  `,
};
