import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { RECORDS_MIGRATIONS, migrateRecords } from './index';

describe('records migration 0020 staff sessions', () => {
  it('keeps one session per token hash, of a known kind, with its expiry as a number', () => {
    const db = new Database(':memory:');
    migrateRecords(db, RECORDS_MIGRATIONS, 19);
    expect(migrateRecords(db, RECORDS_MIGRATIONS, 20)).toBe(20);
    const insert = db.prepare('INSERT INTO staff_sessions VALUES (?, ?, ?, ?, ?)');
    insert.run('h1', 'doctor', '{}', 1, 2);
    expect(() => insert.run('h1', 'pharmacist', '{}', 1, 2)).toThrow(/UNIQUE/);
    expect(() => insert.run('h2', 'kiosk', '{}', 1, 2)).toThrow(/CHECK/);
    expect(() => insert.run('h3', 'doctor', '{}', 1, 'later')).toThrow(/cannot store TEXT value in INTEGER column/);
  });
});
