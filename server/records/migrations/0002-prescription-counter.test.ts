import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { RECORDS_MIGRATIONS, migrateRecords } from './index';

describe('records migration 0002 prescription counter', () => {
  it('holds one counter row that never goes negative', () => {
    const db = new Database(':memory:');
    migrateRecords(db, RECORDS_MIGRATIONS, 1);
    expect(migrateRecords(db, RECORDS_MIGRATIONS, 2)).toBe(2);
    db.prepare('INSERT INTO prescription_counter (id, value) VALUES (1, 0)').run();
    expect(() => db.prepare('INSERT INTO prescription_counter (id, value) VALUES (2, 0)').run()).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE prescription_counter SET value = -1').run()).toThrow(/CHECK/);
  });
});
