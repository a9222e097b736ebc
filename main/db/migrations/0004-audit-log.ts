import type { Migration } from './migration';

/** Who did what on the kiosk (PIN modes, exports, purges). Ids and roles only, never patient data. */
export const migration0004: Migration = {
  version: 4,
  name: 'audit-log',
  up(db) {
    db.exec(`
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        at_ms INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        subject TEXT
      ) STRICT;
      CREATE INDEX audit_log_at ON audit_log(at_ms);
    `);
  },
};
