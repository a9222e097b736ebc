import { MIGRATIONS, migrate } from '../migrations/index';
import { openDatabase, type SqliteDatabase } from '../open-database';

/** An unencrypted in-memory database migrated up to `version`, for a migration test to go on from. */
export function databaseAt(version: number): SqliteDatabase {
  const db = openDatabase(':memory:', null);
  migrate(db, MIGRATIONS, version);
  return db;
}
