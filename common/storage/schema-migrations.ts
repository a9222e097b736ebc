/**
 * Numbered schema migrations on SQLite's `PRAGMA user_version`, shared by the kiosk store
 * (main/db/migrations/) and the platform's records (server/records/migrations/). Pure: the
 * database is any object with better-sqlite3's `pragma` and `transaction`.
 */
export interface MigratableDatabase {
  pragma(source: string, options?: { simple?: boolean }): unknown;
  transaction(fn: () => void): () => void;
}

/** One numbered schema step. `version` is what `PRAGMA user_version` holds once it has run. */
export interface SchemaMigration<Db> {
  readonly version: number;
  /** Kebab-case description, e.g. "sessions-identities". */
  readonly name: string;
  /** Applies the step; runs inside a transaction opened by the runner. */
  up(db: Db): void;
}

export function schemaVersion(db: MigratableDatabase): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database to `target` (default: the latest), one transaction per step so a crash leaves
 * it at a whole version. Throws when the file is newer than this code (a downgrade would lose data);
 * `owner` names the software in that message ("this kiosk software").
 */
export function migrate<Db extends MigratableDatabase>(
  db: Db,
  migrations: readonly SchemaMigration<Db>[],
  owner: string,
  target = migrations.length,
): number {
  const current = schemaVersion(db);
  if (current > migrations.length) {
    throw new Error(`the schema version ${current} is newer than ${owner} (${migrations.length}); refusing to open it`);
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
