import type { PgMigration } from './index';

/**
 * The field technicians' accounts, as SQLite's migration 0011: every node hands the same active
 * accounts to kiosks and a revocation counts everywhere. Secrets only as scrypt hashes; an account
 * is a name and an identifier, no health data: nothing sealed.
 */
export const migration0015: PgMigration = {
  version: 15,
  name: 'technician-accounts',
  sql: `
    CREATE TABLE technician_accounts (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      secret_hash TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      revoked_at TEXT
    );
  `,
};
