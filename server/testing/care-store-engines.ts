import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'vitest';
import type { RequiredStack } from '../../common/util/testing/require-stack';
import { withPgStores } from '../platform-pg-stores';
import { openPlatformStores, type PlatformStores } from '../platform-stores';
import { PgRecordsRepository } from '../records/pg-records-repository';
import type { RecordsDatabaseFile } from '../records/records-database';
import type { RecordsRepository } from '../records/records-repository';
import { SqliteRecordsRepository } from '../records/sqlite-records-repository';
import type { PostgresInstance } from './postgres-instance';

/** One platform node's stores and records on a test database, as startPlatform opens them (platform-storage.ts). */
export interface CareNode {
  stores: PlatformStores;
  records: RecordsRepository;
}

export interface CareDatabase {
  /** Another node on the same database: two connections (SQLite) or two pools (PostgreSQL). */
  open(now?: () => number): Promise<CareNode>;
  /** PostgreSQL only: the whole database as pg_dump writes it, to look for health data in clear. */
  dump?(): Buffer;
  /** SQLite only: the records file, for what a platform opens on its own connection to it. */
  sqliteFile?: RecordsDatabaseFile;
}

/** An engine for the contract suites of the stores beside the records: SQLite, or a private PostgreSQL. */
export interface CareEngine {
  name: string;
  describe(title: string, body: () => void): void;
  fresh(): Promise<CareDatabase>;
}

/**
 * Both engines, the PostgreSQL one gated on the test file's private server (requirePostgres).
 * Whatever they open is closed by the functions pushed on `cleanups` (run them in afterEach, newest first).
 */
export function careEngines(postgres: RequiredStack<PostgresInstance>, cleanups: (() => unknown)[]): CareEngine[] {
  const sqlite: CareEngine = {
    name: 'SQLite',
    describe,
    async fresh() {
      const dir = mkdtempSync(join(tmpdir(), 'care-contract-'));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      const file = { file: join(dir, 'records.sqlite'), key: randomBytes(32) };
      return {
        sqliteFile: file,
        async open(now) {
          const stores = openPlatformStores(file, now);
          const records = new SqliteRecordsRepository(file);
          cleanups.push(async () => (await records.close(), stores.close()));
          return { stores, records };
        },
      };
    },
  };
  const postgresql: CareEngine = {
    name: 'PostgreSQL',
    describe: postgres.describe,
    async fresh() {
      const url = await postgres.value.createDatabase();
      const key = randomBytes(32);
      return {
        async open(now) {
          const records = await PgRecordsRepository.open({ url, key });
          // The SQLite file beside it holds only what has no PostgreSQL engine yet: in memory here.
          const stores = withPgStores(openPlatformStores({ file: ':memory:', key: null }, now), records, now);
          cleanups.push(async () => (stores.close(), await records.close()));
          return { stores, records };
        },
        dump: () =>
          execFileSync(join(process.env.POSTGRES_BIN_DIR ?? '/usr/lib/postgresql/15/bin', 'pg_dump'), [url], {
            maxBuffer: 64 << 20,
          }),
      };
    },
  };
  return [sqlite, postgresql];
}
