import type { Migration } from './migration';

/** Device events, calibrations and the maintenance register (kept 5 years: regulatory). */
export const migration0003: Migration = {
  version: 3,
  name: 'device-register',
  up(db) {
    db.exec(`
      CREATE TABLE device_events (
        id INTEGER PRIMARY KEY,
        device_id TEXT NOT NULL,
        at TEXT NOT NULL,
        at_ms INTEGER NOT NULL,
        type TEXT NOT NULL,
        detail TEXT NOT NULL
      ) STRICT;
      CREATE INDEX device_events_at ON device_events(at_ms);
      CREATE TABLE calibrations (
        id TEXT PRIMARY KEY,
        device_id TEXT NOT NULL,
        model TEXT NOT NULL,
        serial_number TEXT,
        performed_at TEXT NOT NULL,
        performed_at_ms INTEGER NOT NULL,
        valid_until TEXT,
        result TEXT NOT NULL CHECK (result IN ('passed', 'failed')),
        technician TEXT NOT NULL,
        notes TEXT NOT NULL
      ) STRICT;
      CREATE INDEX calibrations_device ON calibrations(device_id, performed_at_ms);
      CREATE TABLE maintenance_register (
        id TEXT PRIMARY KEY,
        device_id TEXT,
        at TEXT NOT NULL,
        at_ms INTEGER NOT NULL,
        action TEXT NOT NULL,
        technician TEXT NOT NULL,
        notes TEXT NOT NULL
      ) STRICT;
      CREATE INDEX maintenance_at ON maintenance_register(at_ms);
    `);
  },
};
