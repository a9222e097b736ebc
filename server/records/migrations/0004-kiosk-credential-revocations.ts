import type { RecordsMigration } from './index';

/**
 * Kiosk credential revocations: per kiosk, every credential issued up to `revoked_before_ms` is
 * refused (the operator then issues a new one). One row per kiosk, so the check is one lookup.
 */
export const migration0004: RecordsMigration = {
  version: 4,
  name: 'kiosk-credential-revocations',
  up(db) {
    db.exec(`
      CREATE TABLE kiosk_credential_revocations (
        kiosk_id TEXT PRIMARY KEY,
        revoked_before_ms INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
