import type { Migration } from './migration';

/**
 * The field technicians' accounts as the platform last handed them (scrypt hashes only), so a
 * technician signs in without the network; and each identifier's wrong secrets and lockout, kept
 * here so restarting the kiosk does not lift a lockout.
 */
export const migration0007: Migration = {
  version: 7,
  name: 'technician-accounts',
  up(db) {
    db.exec(`
      CREATE TABLE technician_accounts (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        secret_hash TEXT NOT NULL,
        received_at_ms INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE technician_lockouts (
        identifier TEXT PRIMARY KEY,
        failures INTEGER NOT NULL,
        locked_until_ms INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
