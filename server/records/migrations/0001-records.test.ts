import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { schemaVersion } from '../../../common/storage/schema-migrations';
import { RECORDS_MIGRATIONS, migrateRecords } from './index';

function fresh() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  return db;
}

describe('records migration 0001 consultations, measurements and the ledger', () => {
  it('creates the tables with their keys: one row per id, measurements tied to a consultation', () => {
    const db = fresh();
    expect(migrateRecords(db, RECORDS_MIGRATIONS, 1)).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
    expect(tables).toEqual([
      { name: 'consents' },
      { name: 'consultations' },
      { name: 'measurements' },
      { name: 'received_items' },
    ]);
    db.prepare("INSERT INTO consultations (session_id, kiosk_id) VALUES ('s1', 'k1')").run();
    const measure = db.prepare("INSERT INTO measurements VALUES (?, ?, 'oximetry', '2026-01-01T00:00:00Z', '{}')");
    measure.run('m1', 's1');
    expect(() => measure.run('m1', 's1')).toThrow(/UNIQUE/);
    expect(() => measure.run('m2', 'nope')).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("INSERT INTO received_items VALUES ('i1', 's1', 'x', 'not a number')").run()).toThrow(
      /cannot store TEXT value in INTEGER column/,
    );
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT reading FROM measurements WHERE session_id = 's1'").all() as {
      detail: string;
    }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/measurements_session/);
  });

  it('leaves a database at this version alone and refuses one from newer software', () => {
    const db = fresh();
    migrateRecords(db);
    db.prepare("INSERT INTO consultations (session_id, kiosk_id) VALUES ('s1', 'k1')").run();
    expect(migrateRecords(db)).toBe(RECORDS_MIGRATIONS.length);
    expect(db.prepare('SELECT session_id FROM consultations').all()).toEqual([{ session_id: 's1' }]);
    db.pragma(`user_version = ${RECORDS_MIGRATIONS.length + 1}`);
    expect(() => migrateRecords(db)).toThrow(/newer than this platform software/);
    expect(schemaVersion(db)).toBe(RECORDS_MIGRATIONS.length + 1);
  });
});
