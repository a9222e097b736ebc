import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { RECORDS_MIGRATIONS, migrateRecords } from './index';

describe('records migration 0021 pharmacy directory', () => {
  it('puts a kiosk in one pharmacy that exists, and starts the revision at 0', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrateRecords(db, RECORDS_MIGRATIONS, 20);
    expect(migrateRecords(db, RECORDS_MIGRATIONS, 21)).toBe(21);
    expect(db.prepare('SELECT revision FROM pharmacy_directory_revision').all()).toEqual([{ revision: 0 }]);
    db.prepare("INSERT INTO pharmacies VALUES ('pharmacie-a', 'A', NULL)").run();
    const assign = db.prepare('INSERT INTO pharmacy_kiosks VALUES (?, ?, ?, ?)');
    assign.run('k-1', 'pharmacie-a', 'Cabine 1', 1);
    expect(() => assign.run('k-1', 'pharmacie-a', 'Cabine 2', 2)).toThrow(/UNIQUE/);
    expect(() => assign.run('k-2', 'pharmacie-z', 'Cabine 1', 3)).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare('INSERT INTO pharmacy_directory_revision VALUES (2, 0)').run()).toThrow(/CHECK/);
  });
});
