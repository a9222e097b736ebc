import type { PgMigration } from './index';

/**
 * The outbox to other health services (the e-prescription service, MSSanté), as SQLite's migration
 * 0018, so a delivery stored on one node is tried by whichever node is up: the payload (the
 * prescription, the report for the médecin traitant) sealed under the data key; the kind,
 * reference, attempts and times in clear for the worker. `claimed_until_ms` is a worker's lease:
 * one node tries a due delivery at a time, another takes it over if that node dies mid-send.
 */
export const migration0014: PgMigration = {
  version: 14,
  name: 'deliveries',
  sql: `
    CREATE TABLE outbound_deliveries (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('eprescription', 'mssante-report')),
      consultation_id TEXT,
      reference TEXT NOT NULL,
      payload BYTEA NOT NULL,
      created_at_ms BIGINT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      last_error TEXT,
      next_attempt_at_ms BIGINT NOT NULL,
      delivered_at_ms BIGINT,
      receipt TEXT,
      claimed_until_ms BIGINT,
      UNIQUE (kind, reference)
    );
    CREATE INDEX outbound_deliveries_due ON outbound_deliveries (delivered_at_ms, next_attempt_at_ms);
    CREATE INDEX outbound_deliveries_consultation ON outbound_deliveries (consultation_id);
  `,
};
