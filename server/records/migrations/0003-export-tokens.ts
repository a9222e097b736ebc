import type { RecordsMigration } from './index';

/**
 * Export tokens: what an operator's tool presents to read records (FHIR export) without a doctor's
 * password. Only a hash of each token's secret is kept; each has a scope, an expiry and a revocation.
 */
export const migration0003: RecordsMigration = {
  version: 3,
  name: 'export-tokens',
  up(db) {
    db.exec(`
      CREATE TABLE export_tokens (
        id TEXT PRIMARY KEY,
        secret_sha256 TEXT NOT NULL,
        scope TEXT NOT NULL,
        label TEXT NOT NULL,
        created_at_ms INTEGER NOT NULL,
        expires_at_ms INTEGER NOT NULL,
        revoked_at_ms INTEGER
      ) STRICT;
    `);
  },
};
