import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { RECORDS_MIGRATIONS, migrateRecords } from './index';

describe('records migration 0012 billing entries', () => {
  it('keeps one row per consultation', () => {
    const db = new Database(':memory:');
    migrateRecords(db, RECORDS_MIGRATIONS, 11);
    expect(migrateRecords(db, RECORDS_MIGRATIONS, 12)).toBe(12);
    const insert = db.prepare('INSERT INTO billing_entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const row = [
      'c1',
      '2026-12-05T10:00:00.000Z',
      '2026-12-05',
      'p',
      'k',
      '10000000001',
      null,
      'TLM',
      100,
      'TCG',
      3000,
      'x',
    ];
    insert.run(...row);
    expect(() => insert.run(...row)).toThrow(/UNIQUE/);
    expect(() => insert.run('c2', null, 'd', 'p', 'k', 'r', null, 'TLM', 100, 'TCG', 3000, 'x')).toThrow(/NOT NULL/);
  });
});
