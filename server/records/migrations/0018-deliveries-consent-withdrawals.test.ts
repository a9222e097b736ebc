import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { RECORDS_MIGRATIONS, migrateRecords } from './index';

describe('records migration 0018 deliveries and consent withdrawals', () => {
  it('keeps one delivery per kind and reference, of a known kind, and one withdrawal per session and use', () => {
    const db = new Database(':memory:');
    migrateRecords(db, RECORDS_MIGRATIONS, 17);
    expect(migrateRecords(db, RECORDS_MIGRATIONS, 18)).toBe(18);
    const insert = db.prepare(
      'INSERT INTO outbound_deliveries (id, kind, consultation_id, reference, payload, created_at_ms, next_attempt_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    insert.run('d1', 'eprescription', 'c1', 'RX-2026-000001-8', '{}', 1, 1);
    insert.run('d2', 'mssante-report', 'c1', 'RX-2026-000001-8', '{}', 1, 1);
    expect(() => insert.run('d3', 'eprescription', 'c1', 'RX-2026-000001-8', '{}', 1, 1)).toThrow(/UNIQUE/);
    expect(() => insert.run('d4', 'fax', 'c1', 'x', '{}', 1, 1)).toThrow(/CHECK/);
    const withdraw = db.prepare('INSERT INTO consent_withdrawals VALUES (?, ?, ?, ?)');
    withdraw.run('s1', 'research', '2026-12-06T10:00:00.000Z', 'admin');
    expect(() => withdraw.run('s1', 'research', '2026-12-07T10:00:00.000Z', 'admin')).toThrow(/UNIQUE|PRIMARY/);
  });
});
