import type { RecordsMigration } from './index';

/**
 * The field technicians' personal accounts (`admin add-technician`): an identifier, a name and the
 * scrypt hash of their secret, handed to every kiosk for offline sign-in. Revoking keeps the row
 * (who calibrated stays readable) and stops handing it out.
 */
export const migration0011: RecordsMigration = {
  version: 11,
  name: 'technician-accounts',
  up(db) {
    db.exec(`
      CREATE TABLE technician_accounts (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        secret_hash TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        revoked_at TEXT
      ) STRICT;
    `);
  },
};
