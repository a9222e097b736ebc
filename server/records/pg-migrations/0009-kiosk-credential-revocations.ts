import type { PgMigration } from './index';

/**
 * Kiosk credential revocations, as SQLite's migration 0004: per kiosk, every credential issued up to
 * `revoked_before_ms` is refused, by every node (each kiosk-authenticated request reads its row).
 */
export const migration0009: PgMigration = {
  version: 9,
  name: 'kiosk-credential-revocations',
  sql: `
    CREATE TABLE kiosk_credential_revocations (
      kiosk_id TEXT PRIMARY KEY,
      revoked_before_ms BIGINT NOT NULL
    );
  `,
};
