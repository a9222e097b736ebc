import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { RECORDS_MIGRATIONS, migrateRecords } from './index';

describe('records migration 0009 auscultation clips', () => {
  it('keeps each clip once, its audio as bytes, found by session', () => {
    const db = new Database(':memory:');
    migrateRecords(db, RECORDS_MIGRATIONS, 8);
    expect(migrateRecords(db, RECORDS_MIGRATIONS, 9)).toBe(9);
    const insert = db.prepare('INSERT INTO auscultation_clips VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const row = ['clip-1', 'session-1', 'kiosk-1', 'c-1', 'mitral', '2026-11-22T10:00:00Z', 15000, 8000, '10000000001'];
    insert.run(...row, Buffer.from('RIFF'));
    expect(() => insert.run(...row, Buffer.from('RIFF'))).toThrow(/UNIQUE/);
    expect(() => insert.run('clip-2', ...row.slice(1), 'not bytes')).toThrow(/cannot store TEXT value in BLOB column/);
    const plan = db
      .prepare('EXPLAIN QUERY PLAN SELECT id FROM auscultation_clips WHERE session_id = ? ORDER BY recorded_at')
      .all('session-1') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('auscultation_clips_by_session');
  });
});
