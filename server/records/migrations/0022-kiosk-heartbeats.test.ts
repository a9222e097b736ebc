import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { RECORDS_MIGRATIONS, migrateRecords } from './index';

describe('records migration 0022 kiosk heartbeats', () => {
  it('keeps one row a kiosk, its time as a number', () => {
    const db = new Database(':memory:');
    migrateRecords(db, RECORDS_MIGRATIONS, 21);
    expect(migrateRecords(db, RECORDS_MIGRATIONS, 22)).toBe(22);
    const insert = db.prepare('INSERT INTO kiosk_heartbeats VALUES (?, ?, ?, ?)');
    insert.run('k-1', '{}', 1_000, null);
    expect(() => insert.run('k-1', '{}', 2_000, null)).toThrow(/UNIQUE/);
    expect(() => insert.run('k-2', '{}', 'later', null)).toThrow(/cannot store TEXT value in INTEGER column/);
  });
});
