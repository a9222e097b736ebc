import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { openRecordsDatabase, recordsDatabaseFile, recordsFileState } from './records-database';

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'records-db-')), 'records.sqlite');

describe('the records database', () => {
  it('is encrypted under its key: no SQLite header, no value in clear, reopened only with that key', () => {
    const file = tempFile();
    const key = randomBytes(32);
    expect(recordsFileState(file)).toBe('absent');
    const db = openRecordsDatabase({ file, key });
    db.prepare(
      "INSERT INTO consultations (session_id, kiosk_id, identity) VALUES ('s-1', 'k-1', 'NEEDLE-IN-CLEAR')",
    ).run();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    expect(recordsFileState(file)).toBe('encrypted');
    expect(readFileSync(file).includes(Buffer.from('NEEDLE-IN-CLEAR'))).toBe(false);
    const again = openRecordsDatabase({ file, key });
    expect(again.prepare('SELECT identity FROM consultations').get()).toEqual({ identity: 'NEEDLE-IN-CLEAR' });
    again.close();
  });

  it('refuses a wrong key or no key, naming the file: never a new empty database in its place', () => {
    const file = tempFile();
    openRecordsDatabase({ file, key: randomBytes(32) }).close();
    const before = readFileSync(file);
    expect(() => openRecordsDatabase({ file, key: randomBytes(32) })).toThrow(
      new RegExp(`the platform's data key does not open ${file}: it is not the key this database was created with`),
    );
    expect(() => openRecordsDatabase({ file, key: null })).toThrow(/cannot open .* without a key: it is encrypted/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses an earlier platform’s database in clear, naming the command that encrypts it', () => {
    const file = tempFile();
    new Database(file).exec('CREATE TABLE t (x)');
    expect(recordsFileState(file)).toBe('plain');
    expect(() => openRecordsDatabase({ file, key: randomBytes(32) })).toThrow(
      /unencrypted records database of an earlier platform: encrypt it once with `node --import tsx server\/admin.ts encrypt-records`/,
    );
  });

  it('never opens a data folder without a key', () => {
    expect(() => recordsDatabaseFile('/srv/platform', null)).toThrow(/needs the platform's data key/);
    expect(recordsDatabaseFile(null, null)).toEqual({ file: ':memory:', key: null });
  });
});
