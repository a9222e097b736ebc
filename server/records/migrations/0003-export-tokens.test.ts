import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { RECORDS_MIGRATIONS, migrateRecords } from './index';

describe('records migration 0003 export tokens', () => {
  it('keeps one row per token id, with its expiry as a number', () => {
    const db = new Database(':memory:');
    migrateRecords(db, RECORDS_MIGRATIONS, 2);
    expect(migrateRecords(db, RECORDS_MIGRATIONS, 3)).toBe(3);
    const insert = db.prepare("INSERT INTO export_tokens VALUES (?, 'h', 'fhir-export', 'x', 0, ?, NULL)");
    insert.run('t1', 1000);
    expect(() => insert.run('t1', 1000)).toThrow(/UNIQUE/);
    expect(() => insert.run('t2', 'tomorrow')).toThrow(/cannot store TEXT value in INTEGER column/);
  });
});
