import type { PgMigration } from './index';

/** The doctors' and pharmacists' accounts, as SQLite's migration 0019 (no health data: nothing sealed). */
export const migration0007: PgMigration = {
  version: 7,
  name: 'staff-accounts',
  sql: `
    CREATE TABLE doctor_accounts (
      id TEXT PRIMARY KEY,
      email TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      rpps TEXT NOT NULL UNIQUE,
      password_hash TEXT,
      scope JSONB,
      practice_address TEXT,
      updated_at_ms BIGINT NOT NULL
    );
    CREATE TABLE pharmacist_accounts (
      id TEXT PRIMARY KEY,
      email TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      pharmacy_id TEXT NOT NULL,
      password_hash TEXT NOT NULL,
      updated_at_ms BIGINT NOT NULL
    );
  `,
};
