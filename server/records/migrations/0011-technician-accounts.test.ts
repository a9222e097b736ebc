import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { RECORDS_MIGRATIONS, migrateRecords } from './index';

describe('records migration 0011 technician accounts', () => {
  it('keeps one account per identifier, revocable', () => {
    const db = new Database(':memory:');
    migrateRecords(db, RECORDS_MIGRATIONS, 10);
    expect(migrateRecords(db, RECORDS_MIGRATIONS, 11)).toBe(11);
    const insert = db.prepare('INSERT INTO technician_accounts VALUES (?, ?, ?, ?, ?)');
    insert.run('tech.martin', 'Léa Martin', 'scrypt$1$1$1$a$b', '2026-12-05T10:00:00Z', null);
    expect(() => insert.run('tech.martin', 'X', 'h', 't', null)).toThrow(/UNIQUE/);
    expect(() => insert.run('tech.other', 'X', null, 't', null)).toThrow(/NOT NULL/);
    expect(db.prepare('SELECT name FROM technician_accounts WHERE revoked_at IS NULL').all()).toEqual([
      { name: 'Léa Martin' },
    ]);
  });
});
