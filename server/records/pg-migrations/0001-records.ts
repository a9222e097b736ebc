import type { PgMigration } from './index';

/**
 * The records as SQLite's migrations 0001, 0008, 0009 and 0010 left them, in one step: consultations
 * with their consents and measurements, the idempotency ledger, calibration checks, auscultation
 * clips and examination stills. The health data (identity, intake, consents, readings, audio,
 * images) is BYTEA sealed with AES-256-GCM (server/records/column-cipher.ts); `seq` keeps arrival
 * order where SQLite used its rowid. `data_key_check` holds one value sealed under the key the
 * database was created with, so a wrong key is refused at start, not met as unreadable rows later.
 */
export const migration0001: PgMigration = {
  version: 1,
  name: 'records',
  sql: `
    CREATE TABLE data_key_check (id INTEGER PRIMARY KEY CHECK (id = 1), sealed BYTEA NOT NULL);
    CREATE TABLE consultations (
      session_id TEXT PRIMARY KEY,
      kiosk_id TEXT NOT NULL,
      started_at TEXT,
      ended_at TEXT,
      outcome TEXT,
      prescription_number TEXT,
      rating INTEGER,
      identity BYTEA,
      intake BYTEA
    );
    CREATE TABLE consents (
      id TEXT PRIMARY KEY,
      session_id TEXT NOT NULL REFERENCES consultations(session_id),
      consent BYTEA NOT NULL
    );
    CREATE TABLE measurements (
      seq BIGINT GENERATED ALWAYS AS IDENTITY,
      id TEXT PRIMARY KEY,
      session_id TEXT NOT NULL REFERENCES consultations(session_id),
      kind TEXT NOT NULL,
      taken_at TEXT NOT NULL,
      reading BYTEA NOT NULL
    );
    CREATE INDEX measurements_session ON measurements(session_id);
    CREATE TABLE received_items (
      id TEXT PRIMARY KEY,
      session_id TEXT,
      kind TEXT NOT NULL,
      received_at_ms BIGINT NOT NULL
    );
    CREATE TABLE calibrations (
      seq BIGINT GENERATED ALWAYS AS IDENTITY,
      id TEXT PRIMARY KEY,
      kiosk_id TEXT NOT NULL,
      device_id TEXT NOT NULL,
      performed_at TEXT NOT NULL,
      result TEXT NOT NULL CHECK (result IN ('passed', 'failed')),
      valid_until TEXT,
      record TEXT NOT NULL
    );
    CREATE INDEX calibrations_device ON calibrations(kiosk_id, device_id, performed_at);
    CREATE TABLE auscultation_clips (
      seq BIGINT GENERATED ALWAYS AS IDENTITY,
      id TEXT PRIMARY KEY,
      session_id TEXT NOT NULL,
      kiosk_id TEXT NOT NULL,
      consultation_id TEXT NOT NULL,
      site TEXT NOT NULL,
      recorded_at TEXT NOT NULL,
      duration_ms INTEGER NOT NULL,
      sample_rate_hz INTEGER NOT NULL,
      doctor_rpps TEXT NOT NULL,
      wav BYTEA NOT NULL
    );
    CREATE INDEX auscultation_clips_by_session ON auscultation_clips (session_id, recorded_at);
    CREATE TABLE exam_stills (
      seq BIGINT GENERATED ALWAYS AS IDENTITY,
      id TEXT PRIMARY KEY,
      session_id TEXT NOT NULL,
      kiosk_id TEXT NOT NULL,
      consultation_id TEXT NOT NULL,
      captured_at TEXT NOT NULL,
      width INTEGER NOT NULL,
      height INTEGER NOT NULL,
      content_type TEXT NOT NULL,
      doctor_rpps TEXT NOT NULL,
      image BYTEA NOT NULL
    );
    CREATE INDEX exam_stills_by_session ON exam_stills (session_id, captured_at);
  `,
};
