import type { RecordsMigration } from './index';

/**
 * The doctors' and pharmacists' accounts, moved here from doctors.json and pharmacists.json (read
 * once at start and imported: server/auth/json-account-import.ts), so the admin command and every
 * platform process read one store. Passwords as scrypt hashes only; a doctor's scope is its JSON
 * (specialties and territories); an RPPS names one doctor (a Pro Santé Connect sign-in finds them by it).
 */
export const migration0019: RecordsMigration = {
  version: 19,
  name: 'staff-accounts',
  up(db) {
    db.exec(`
      CREATE TABLE doctor_accounts (
        id TEXT PRIMARY KEY,
        email TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        rpps TEXT NOT NULL UNIQUE,
        password_hash TEXT,
        scope TEXT,
        practice_address TEXT,
        updated_at_ms INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE pharmacist_accounts (
        id TEXT PRIMARY KEY,
        email TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        pharmacy_id TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        updated_at_ms INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
