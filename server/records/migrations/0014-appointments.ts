import type { RecordsMigration } from './index';

/**
 * Appointments (issue 17): each doctor's published slot plan (one per doctor, replaced when they
 * publish again) and the booked appointments. A slot is one row at most while it is live (booked or
 * checked in): the partial unique index is what turns "taken a second earlier" into a refusal
 * instead of two patients for one slot. `patient` is the kiosk's intake as JSON (identity, answers,
 * reason, contact): health data, kept under the records database's key like the reports.
 */
export const migration0014: RecordsMigration = {
  version: 14,
  name: 'appointments',
  up(db) {
    db.exec(`
      CREATE TABLE slot_plans (
        doctor_id TEXT PRIMARY KEY,
        doctor_name TEXT NOT NULL,
        doctor_rpps TEXT NOT NULL,
        -- JSON arrays, copied from the account's scope when the doctor publishes.
        specialties TEXT NOT NULL,
        territories TEXT NOT NULL,
        length_minutes INTEGER NOT NULL,
        -- JSON array of ISO weekdays (1 Monday … 7 Sunday), hours HH:MM in France (Europe/Paris).
        days TEXT NOT NULL,
        from_time TEXT NOT NULL,
        to_time TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE appointments (
        id TEXT PRIMARY KEY,
        doctor_id TEXT NOT NULL,
        doctor_name TEXT NOT NULL,
        kiosk_id TEXT NOT NULL,
        -- The pharmacy's territory when booked: a late patient goes to that live queue.
        territory TEXT NOT NULL,
        starts_at INTEGER NOT NULL,
        ends_at INTEGER NOT NULL,
        specialty TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('booked', 'checked-in', 'missed', 'cancelled')),
        booked_by TEXT NOT NULL CHECK (booked_by IN ('kiosk', 'pharmacist')),
        patient TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX appointments_live_slot ON appointments (doctor_id, starts_at)
        WHERE status IN ('booked', 'checked-in');
      CREATE INDEX appointments_by_kiosk ON appointments (kiosk_id, starts_at);
    `);
  },
};
