import { describe, expect, it } from 'vitest';
import { databaseAt } from '../testing/database-at';
import { MIGRATIONS, migrate } from './index';

describe('migration 0002 measurements and outbox', () => {
  it('keeps version-1 data and adds measurements and an ordered outbox with unique ids', () => {
    const db = databaseAt(1);
    db.prepare("INSERT INTO sessions (id, kiosk_id, started_at) VALUES ('s1', 'k1', '2026-01-01T00:00:00Z')").run();
    expect(migrate(db, MIGRATIONS, 2)).toBe(2);
    expect(db.prepare('SELECT id FROM sessions').all()).toEqual([{ id: 's1' }]);
    const add = db.prepare(
      "INSERT INTO outbox (id, session_id, kind, payload, created_at_ms) VALUES (?, 's1', 'measurement', '{}', 0)",
    );
    add.run('b');
    add.run('a');
    expect(() => add.run('a')).toThrow(/UNIQUE/);
    expect(db.prepare('SELECT id FROM outbox WHERE acked_at_ms IS NULL ORDER BY seq').all()).toEqual([
      { id: 'b' },
      { id: 'a' },
    ]);
    // The pending scan uses the partial index, so draining stays fast with a long acknowledged history.
    const plan = db
      .prepare('EXPLAIN QUERY PLAN SELECT seq FROM outbox WHERE acked_at_ms IS NULL ORDER BY seq LIMIT 10')
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/outbox_pending/);
    expect(() =>
      db.prepare("INSERT INTO measurements VALUES ('m', 'nope', 'oximetry', 'd', 't', '{}', 0)").run(),
    ).toThrow(/FOREIGN KEY/);
  });
});
