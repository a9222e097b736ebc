import type pg from 'pg';
import { migration0001 } from './0001-records';
import { migration0002 } from './0002-queue';
import { migration0003 } from './0003-consent-order';
import { migration0004 } from './0004-consultation-access';
import { migration0005 } from './0005-access-log';
import { migration0006 } from './0006-prescriptions';
import { migration0007 } from './0007-staff-accounts';
import { migration0008 } from './0008-staff-sessions';
import { migration0009 } from './0009-kiosk-credential-revocations';
import { migration0010 } from './0010-reports-billing';
import { migration0011 } from './0011-appointments';
import { migration0012 } from './0012-identity-checks';
import { migration0013 } from './0013-consent-withdrawals';
import { migration0014 } from './0014-deliveries';
import { migration0015 } from './0015-technician-accounts';
import { migration0016 } from './0016-pharmacy-directory';
import { migration0017 } from './0017-kiosk-heartbeats';
import { migration0018 } from './0018-call-node-fence';
import { migration0020 } from './0020-appointment-cancel-reason';

/** One numbered step of the PostgreSQL records schema (its own numbering: SQLite's is server/records/migrations). */
export interface PgMigration {
  readonly version: number;
  /** Kebab-case description. */
  readonly name: string;
  /** The step's SQL, run inside the runner's transaction. */
  readonly sql: string;
}

/** Every PostgreSQL migration in order; append new ones, never edit a shipped one. */
export const PG_RECORDS_MIGRATIONS: readonly PgMigration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
  migration0009,
  migration0010,
  migration0011,
  migration0012,
  migration0013,
  migration0014,
  migration0015,
  migration0016,
  migration0017,
  migration0018,
  // No 0019: it was reserved for a change that did not need it. The runner applies by recorded
  // version, so a gap is harmless; a number is never reused.
  migration0020,
];

/** Any number of platform nodes may start at once: the first migrates, the others wait on this lock. */
const MIGRATION_LOCK = 15_0001;

/**
 * Brings the database to `target` (a version; default: the latest) in one transaction under an
 * advisory lock, recording each step in `schema_migrations`. Steps are applied by the versions
 * recorded, not by their count: numbers reserved for parallel changes may land in any order, and a
 * database that has 0010 still gets 0007 when it arrives. A failed step leaves the database as it
 * was. Throws when the database holds a step this code does not know (a downgrade would lose data).
 */
export async function migratePgRecords(
  client: pg.ClientBase,
  migrations: readonly PgMigration[] = PG_RECORDS_MIGRATIONS,
  target = migrations.at(-1)?.version ?? 0,
): Promise<number> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((row) => row.version));
    const known = new Set(migrations.map((migration) => migration.version));
    const unknown = [...applied].filter((version) => !known.has(version));
    if (unknown.length > 0)
      throw new Error(
        `the PostgreSQL records schema has step ${Math.max(...unknown)}, newer than this platform software (it knows up to ${migrations.at(-1)?.version ?? 0}); refusing to open it`,
      );
    for (const migration of migrations) {
      if (applied.has(migration.version) || migration.version > target) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      applied.add(migration.version);
    }
    await client.query('COMMIT');
    return Math.max(0, ...applied);
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}
