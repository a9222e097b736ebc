import Database from 'better-sqlite3-multiple-ciphers';
import { expect, it } from 'vitest';
import { explainDiskFull, StoreDiskFullError } from './disk-full';

it("turns SQLite's disk-full refusal into an error naming the store's folder, and leaves other errors alone", () => {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (x BLOB)');
  // A page cap makes SQLite refuse exactly as a full disk does (SQLITE_FULL).
  db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
  let refusal: unknown = null;
  try {
    db.prepare('INSERT INTO t VALUES (?)').run(Buffer.alloc(64 * 1024));
  } catch (error) {
    refusal = error;
  }
  expect((refusal as { code?: string }).code).toBe('SQLITE_FULL');
  const explained = explainDiskFull(refusal, '/var/lib/kiosk/kiosk-store.sqlite');
  expect(explained).toBeInstanceOf(StoreDiskFullError);
  expect((explained as Error).message).toContain('disk is full');
  expect((explained as Error).message).toContain('/var/lib/kiosk');
  const other = new Error('constraint failed');
  expect(explainDiskFull(other, '/var/lib/kiosk/kiosk-store.sqlite')).toBe(other);
});
