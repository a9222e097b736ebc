import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { RECORDS_MIGRATIONS, migrateRecords } from './index';

describe('records migration 0016 queue', () => {
  it('keeps one row per consultation and per session, and a known state only', () => {
    const db = new Database(':memory:');
    migrateRecords(db, RECORDS_MIGRATIONS, 15);
    expect(migrateRecords(db, RECORDS_MIGRATIONS, 16)).toBe(16);
    const insert = db.prepare('INSERT INTO queue_consultations VALUES (?, ?, ?, ?, ?, ?)');
    insert.run('c1', 's1', 'k1', 'waiting', 1, '{}');
    expect(() => insert.run('c1', 's2', 'k1', 'waiting', 1, '{}')).toThrow(/UNIQUE/);
    expect(() => insert.run('c2', 's1', 'k1', 'waiting', 1, '{}')).toThrow(/UNIQUE/);
    expect(() => insert.run('c3', 's3', 'k1', 'lost', 1, '{}')).toThrow(/CHECK/);
    db.prepare('INSERT INTO queue_away_places VALUES (?, ?, ?, ?, ?, ?, ?)').run('c1', 7, 'k1', null, 1, 'away', null);
  });
});
