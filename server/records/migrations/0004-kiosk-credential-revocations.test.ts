import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { RECORDS_MIGRATIONS, migrateRecords } from './index';

describe('records migration 0004 kiosk credential revocations', () => {
  it('keeps one revocation time per kiosk, as a number', () => {
    const db = new Database(':memory:');
    migrateRecords(db, RECORDS_MIGRATIONS, 3);
    expect(migrateRecords(db, RECORDS_MIGRATIONS, 4)).toBe(4);
    const insert = db.prepare('INSERT INTO kiosk_credential_revocations VALUES (?, ?)');
    insert.run('kiosk-1', 1000);
    expect(() => insert.run('kiosk-1', 2000)).toThrow(/UNIQUE/);
    expect(() => insert.run('kiosk-2', 'now')).toThrow(/cannot store TEXT value in INTEGER column/);
  });
});
