import type { SqliteDatabase } from '../open-database';
import { migration0001 } from './0001-sessions';
import { migration0002 } from './0002-measurements-outbox';
import { migration0003 } from './0003-device-register';
import { migration0004 } from './0004-audit-log';
import { migration0005 } from './0005-measurement-model-names';
import type { Migration } from './migration';

/** Every migration in order; append new ones, never edit a shipped one. */
export const MIGRATIONS: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
];

export function schemaVersion(db: SqliteDatabase): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database to `target` (default: the latest), one transaction per step so a crash leaves
 * it at a whole version. Throws when the file is newer than this code (a downgrade would lose data).
 */
export function migrate(
  db: SqliteDatabase,
  migrations: readonly Migration[] = MIGRATIONS,
  target = migrations.length,
): number {
  const current = schemaVersion(db);
  if (current > migrations.length) {
    throw new Error(
      `the store's schema version ${current} is newer than this kiosk software (${migrations.length}); refusing to open it`,
    );
  }
  for (const migration of migrations.slice(current, target)) {
    if (migration.version !== schemaVersion(db) + 1) throw new Error(`migration ${migration.name} is out of order`);
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return schemaVersion(db);
}
