import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { RECORDS_MIGRATIONS, migrateRecords } from './index';

describe('records migration 0005 reports and prescriptions', () => {
  it('keeps one report per consultation and one prescription per number, its consultation optional', () => {
    const db = new Database(':memory:');
    migrateRecords(db, RECORDS_MIGRATIONS, 4);
    expect(migrateRecords(db, RECORDS_MIGRATIONS, 5)).toBe(5);
    const report = db.prepare("INSERT INTO consultation_reports VALUES (?, 's', 'd', '2026-03-02T10:00:00Z', '{}')");
    report.run('c-1');
    expect(() => report.run('c-1')).toThrow(/UNIQUE/);
    const rx = db.prepare("INSERT INTO prescriptions VALUES (?, ?, 'k', '2026-03-02T10:00:00Z', '{}')");
    rx.run('RX-2026-000001-7', 'c-1');
    rx.run('RX-2026-000002-5', null);
    expect(() => rx.run('RX-2026-000001-7', 'c-2')).toThrow(/UNIQUE/);
    expect(() => db.prepare("INSERT INTO consultation_reports VALUES ('c-2', 's', 'd', '', NULL)").run()).toThrow(
      /NOT NULL/,
    );
  });
});
