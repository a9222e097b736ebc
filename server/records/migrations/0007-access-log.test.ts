import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { RECORDS_MIGRATIONS, migrateRecords } from './index';

describe('records migration 0007 access log', () => {
  it('numbers entries for ever, takes only allowed or refused, and refuses updates and deletes', () => {
    const db = new Database(':memory:');
    migrateRecords(db, RECORDS_MIGRATIONS, 6);
    expect(migrateRecords(db, RECORDS_MIGRATIONS, 7)).toBe(7);
    const insert = db.prepare(
      "INSERT INTO access_log (at_ms, actor_kind, actor_id, action, resource, resource_id, consultation_id, outcome, reason, remote_address, prev_hash, hash) VALUES (1, 'doctor', 'd', 'read', 'report', 'c', 'c', ?, NULL, '127.0.0.1', 'p', 'h')",
    );
    insert.run('allowed');
    insert.run('refused');
    expect(() => insert.run('maybe')).toThrow(/CHECK constraint/);
    expect(() => db.prepare("UPDATE access_log SET outcome = 'allowed' WHERE seq = 2").run()).toThrow(
      /the access log is append-only/,
    );
    expect(() => db.prepare('DELETE FROM access_log').run()).toThrow(/the access log is append-only/);
    expect(db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'access_log'").get()).toEqual({ seq: 2 });
  });
});
