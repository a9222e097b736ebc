import Database from 'better-sqlite3-multiple-ciphers';

export type SqliteDatabase = Database.Database;

/**
 * Opens (or creates) an SQLite file encrypted with SQLCipher (v4 format: AES-256-CBC, HMAC-SHA512
 * per page) under a raw 256-bit key, in WAL mode with foreign keys on. `key: null` opens an unencrypted database (in-memory tests,
 * the baseline of the benchmarks). Throws "the store key does not open <file>" when the key is not
 * the one the file was created with.
 *
 * synchronous=FULL: a kiosk can lose power mid-session, and a reading shown as recorded must
 * survive it; the write rate (a few readings per session) makes the extra fsync free in practice.
 */
export function openDatabase(file: string, key: Buffer | null): SqliteDatabase {
  const db = new Database(file);
  try {
    if (key) {
      db.pragma(`cipher='sqlcipher'`);
      db.pragma('legacy=4');
      // x'…' hands SQLCipher the raw 256-bit key: no PBKDF2 (the key is already 32 random bytes),
      // which would otherwise add ~120 ms to every start-up for nothing.
      db.pragma(`key="x'${key.toString('hex')}'"`);
    }
    // Before the first read: another process (kioskctl) may hold the lock the WAL switch needs.
    db.pragma('busy_timeout = 5000');
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (error) {
      throw new Error(`the store key does not open ${file} (${(error as Error).message})`);
    }
    if (file !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = FULL');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
