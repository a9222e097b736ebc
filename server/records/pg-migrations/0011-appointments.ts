import type { PgMigration } from './index';

/**
 * Appointments (issue 17) as SQLite's migration 0014 left them, so every node books into the same
 * slots: the doctors' slot plans and the appointments, a live slot unique per doctor and start
 * (the partial index turns "taken a second earlier" on another node into a refusal). The patient's
 * intake (identity, answers, contact) is sealed under the data key; the reminder's state, kept in
 * the intake on SQLite, is a clear column here so that one UPDATE claims it for one node only.
 */
export const migration0011: PgMigration = {
  version: 11,
  name: 'appointments',
  sql: `
    CREATE TABLE slot_plans (
      doctor_id TEXT PRIMARY KEY,
      doctor_name TEXT NOT NULL,
      doctor_rpps TEXT NOT NULL,
      specialties TEXT NOT NULL,
      territories TEXT NOT NULL,
      length_minutes INTEGER NOT NULL,
      days TEXT NOT NULL,
      from_time TEXT NOT NULL,
      to_time TEXT NOT NULL,
      updated_at BIGINT NOT NULL
    );
    CREATE TABLE appointments (
      id TEXT PRIMARY KEY,
      doctor_id TEXT NOT NULL,
      doctor_name TEXT NOT NULL,
      kiosk_id TEXT NOT NULL,
      territory TEXT NOT NULL,
      starts_at BIGINT NOT NULL,
      ends_at BIGINT NOT NULL,
      specialty TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('booked', 'checked-in', 'missed', 'cancelled')),
      booked_by TEXT NOT NULL CHECK (booked_by IN ('kiosk', 'pharmacist')),
      patient BYTEA NOT NULL,
      reminder TEXT CHECK (reminder IN ('asked', 'sending', 'sent', 'failed')),
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL
    );
    CREATE UNIQUE INDEX appointments_live_slot ON appointments (doctor_id, starts_at)
      WHERE status IN ('booked', 'checked-in');
    CREATE INDEX appointments_by_kiosk ON appointments (kiosk_id, starts_at);
    CREATE INDEX appointments_by_doctor ON appointments (doctor_id, starts_at);
    CREATE INDEX appointments_reminders ON appointments (starts_at) WHERE reminder = 'asked';
  `,
};
