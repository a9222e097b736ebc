import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { migrateRecords } from './migrations';

/** The records database's file name inside the platform's data dir. */
export const RECORDS_FILE_NAME = 'records.sqlite';

/**
 * Where the records database is and the key it is encrypted with. `key` null is an unencrypted
 * database: only the in-memory one (tests) and the test doubles' files; the platform's data folder
 * always has a key (server/platform-data-key.ts).
 */
export interface RecordsDatabaseFile {
  readonly file: string;
  readonly key: Buffer | null;
}

/** The in-memory database of a platform without a data folder (tests): nothing is at rest. */
export const IN_MEMORY_RECORDS: RecordsDatabaseFile = { file: ':memory:', key: null };

/** The records database of a data folder, under its key; in memory without a folder. */
export function recordsDatabaseFile(dataDir: string | null, key: Buffer | null): RecordsDatabaseFile {
  if (dataDir === null) return IN_MEMORY_RECORDS;
  // A data folder with no key would write health data in clear: refuse rather than fall back.
  if (key === null) throw new Error(`the records database in ${dataDir} needs the platform's data key`);
  return { file: join(dataDir, RECORDS_FILE_NAME), key };
}

/** What is on disk: no file yet, an SQLite file in clear (an earlier platform's), or an encrypted one. */
export type RecordsFileState = 'absent' | 'plain' | 'encrypted';

const PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export function recordsFileState(file: string): RecordsFileState {
  if (!existsSync(file)) return 'absent';
  const head = Buffer.alloc(PLAIN_HEADER.length);
  const fd = openSync(file, 'r');
  try {
    const read = readSync(fd, head, 0, head.length, 0);
    // An empty file (created, never written) is what SQLite makes a new database of.
    if (read === 0) return 'absent';
  } finally {
    closeSync(fd);
  }
  return head.equals(PLAIN_HEADER) ? 'plain' : 'encrypted';
}

/** SQLCipher v4 (AES-256, HMAC-SHA512 per page) under a raw 256-bit key, as the kiosk's store. */
export function applyKey(db: Database.Database, key: Buffer, pragma: 'key' | 'rekey' = 'key'): void {
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  // x'…' hands SQLCipher the raw key: no PBKDF2 (the key is already 32 random bytes).
  db.pragma(`${pragma}="x'${key.toString('hex')}'"`);
}

/** The command that encrypts a database of an earlier platform, named in the refusal. */
export const ENCRYPT_RECORDS_COMMAND = 'node --import tsx server/admin.ts encrypt-records';

/**
 * Opens the platform's records database, migrated: encrypted under `key`, WAL, synchronous=FULL (an
 * acknowledgement must survive a power cut of the platform), foreign keys on, and a busy timeout so
 * the connections of the repository, the prescription counter and the export tokens wait for each
 * other's writes. Throws, naming the file and what to do, when the key does not open it or the file
 * is an earlier platform's plain-text database: never a new empty database in its place.
 */
export function openRecordsDatabase({ file, key }: RecordsDatabaseFile): Database.Database {
  const db = new Database(file);
  try {
    if (key) applyKey(db, key);
    // First: switching a new file to WAL takes a lock that another process opening it may hold.
    db.pragma('busy_timeout = 5000');
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (error) {
      throw new Error(unopenable(file, key, error as Error));
    }
    if (file !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrateRecords(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function unopenable(file: string, key: Buffer | null, error: Error): string {
  if (key && recordsFileState(file) === 'plain')
    return `${file} is an unencrypted records database of an earlier platform: encrypt it once with \`${ENCRYPT_RECORDS_COMMAND}\` (the same data key set), or start the development platform, which does it`;
  if (key)
    return `the platform's data key does not open ${file}: it is not the key this database was created with (PLATFORM_DATA_KEY_FILE / PLATFORM_DATA_KEY), or the file is damaged (${error.message})`;
  return `cannot open ${file} without a key: it is encrypted (${error.message})`;
}
