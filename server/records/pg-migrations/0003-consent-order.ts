import type { PgMigration } from './index';

/**
 * The consent answers of a session in the order they arrived (the FHIR export lists them so), as
 * SQLite keeps them by rowid: 0001 gave the table no `seq`. Existing rows are numbered as they lie.
 */
export const migration0003: PgMigration = {
  version: 3,
  name: 'consent-order',
  sql: `
    ALTER TABLE consents ADD COLUMN seq BIGINT GENERATED ALWAYS AS IDENTITY;
    CREATE INDEX consents_session ON consents (session_id, seq);
  `,
};
