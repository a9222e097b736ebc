import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { RECORDS_MIGRATIONS, migrateRecords } from './index';

describe('records migration 0006 consultation access', () => {
  it('keeps one participation and one share per consultation and doctor, with numeric times', () => {
    const db = new Database(':memory:');
    migrateRecords(db, RECORDS_MIGRATIONS, 5);
    expect(migrateRecords(db, RECORDS_MIGRATIONS, 6)).toBe(6);
    const take = db.prepare("INSERT INTO consultation_participants VALUES (?, ?, 's-1', 'k-1', 1000)");
    take.run('c-1', 'dr-a');
    take.run('c-1', 'dr-b');
    expect(() => take.run('c-1', 'dr-a')).toThrow(/UNIQUE/);
    const share = db.prepare("INSERT INTO consultation_shares VALUES ('c-1', ?, 'dr-a', ?)");
    share.run('dr-c', 2000);
    expect(() => share.run('dr-c', 3000)).toThrow(/UNIQUE/);
    expect(() => share.run('dr-d', 'now')).toThrow(/cannot store TEXT value in INTEGER column/);
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT * FROM consultation_participants WHERE session_id = 's-1'")
      .all();
    expect(JSON.stringify(plan)).toContain('consultation_participants_session');
  });
});
