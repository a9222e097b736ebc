import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { RECORDS_MIGRATIONS, migrateRecords } from './index';

describe('records migration 0019 staff accounts', () => {
  it('keeps one doctor per e-mail and per RPPS, one pharmacist per e-mail', () => {
    const db = new Database(':memory:');
    migrateRecords(db, RECORDS_MIGRATIONS, 18);
    expect(migrateRecords(db, RECORDS_MIGRATIONS, 19)).toBe(19);
    const doctor = db.prepare('INSERT INTO doctor_accounts VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    doctor.run('d1', 'a@x.fr', 'Dr A', '10000000001', null, null, null, 1);
    expect(() => doctor.run('d2', 'a@x.fr', 'Dr B', '10000000002', null, null, null, 1)).toThrow(/UNIQUE/);
    expect(() => doctor.run('d3', 'c@x.fr', 'Dr C', '10000000001', null, null, null, 1)).toThrow(/UNIQUE/);
    const pharmacist = db.prepare('INSERT INTO pharmacist_accounts VALUES (?, ?, ?, ?, ?, ?)');
    pharmacist.run('p1', 'p@x.fr', 'P', 'ph-1', 'scrypt$…', 1);
    expect(() => pharmacist.run('p2', 'p@x.fr', 'Q', 'ph-1', 'scrypt$…', 1)).toThrow(/UNIQUE/);
    expect(() => pharmacist.run('p3', 'q@x.fr', 'Q', 'ph-1', null, 1)).toThrow(/NOT NULL/);
  });
});
