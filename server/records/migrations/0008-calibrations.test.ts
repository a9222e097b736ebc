import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { RECORDS_MIGRATIONS, migrateRecords } from './index';

describe('records migration 0008 calibrations', () => {
  it('keeps the received ids, lets a register item have no session, and one row per check', () => {
    const db = new Database(':memory:');
    migrateRecords(db, RECORDS_MIGRATIONS, 7);
    db.prepare("INSERT INTO received_items VALUES ('a', 's-1', 'measurement', 1)").run();
    expect(migrateRecords(db, RECORDS_MIGRATIONS, 8)).toBe(8);
    expect(db.prepare('SELECT id, session_id FROM received_items').all()).toEqual([{ id: 'a', session_id: 's-1' }]);
    db.prepare("INSERT INTO received_items VALUES ('b', NULL, 'calibration', 2)").run();
    expect(() => db.prepare("INSERT INTO received_items VALUES ('a', NULL, 'calibration', 3)").run()).toThrow(/UNIQUE/);
    const insert = db.prepare('INSERT INTO calibrations VALUES (?, ?, ?, ?, ?, ?, ?)');
    insert.run('c-1', 'kiosk-1', 'bp-1', '2026-11-05T10:00:00Z', 'passed', '2027-11-05T10:00:00Z', '{}');
    expect(() => insert.run('c-1', 'kiosk-1', 'bp-1', '2026-11-05T10:00:00Z', 'passed', null, '{}')).toThrow(/UNIQUE/);
    expect(() => insert.run('c-2', 'kiosk-1', 'bp-1', '2026-11-05T10:00:00Z', 'maybe', null, '{}')).toThrow(/CHECK/);
  });
});
