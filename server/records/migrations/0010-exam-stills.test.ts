import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { RECORDS_MIGRATIONS, migrateRecords } from './index';

describe('records migration 0010 exam stills', () => {
  it('keeps each still once, its image as bytes, found by session', () => {
    const db = new Database(':memory:');
    migrateRecords(db, RECORDS_MIGRATIONS, 9);
    expect(migrateRecords(db, RECORDS_MIGRATIONS, 10)).toBe(10);
    const insert = db.prepare('INSERT INTO exam_stills VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const row = [
      'still-1',
      'session-1',
      'kiosk-1',
      'c-1',
      '2026-11-22T10:00:00Z',
      1280,
      720,
      'image/png',
      '10000000001',
    ];
    insert.run(...row, Buffer.from('PNG'));
    expect(() => insert.run(...row, Buffer.from('PNG'))).toThrow(/UNIQUE/);
    expect(() => insert.run('still-2', ...row.slice(1), 'not bytes')).toThrow(/cannot store TEXT value in BLOB column/);
    const plan = db
      .prepare('EXPLAIN QUERY PLAN SELECT id FROM exam_stills WHERE session_id = ? ORDER BY captured_at')
      .all('session-1') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('exam_stills_by_session');
  });
});
