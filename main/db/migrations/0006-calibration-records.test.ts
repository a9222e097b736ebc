import { describe, expect, it } from 'vitest';
import { databaseAt } from '../testing/database-at';
import { MIGRATIONS, migrate } from './index';

describe('migration 0006 calibration records', () => {
  it('keeps every outbox row in its order and the sequence high mark; a register row needs no session', () => {
    const db = databaseAt(5);
    db.prepare("INSERT INTO sessions (id, kiosk_id, started_at) VALUES ('s1', 'k', 't')").run();
    const insert = db.prepare(
      "INSERT INTO outbox (id, session_id, kind, payload, created_at_ms, acked_at_ms) VALUES (?, 's1', 'consent', '{}', 0, ?)",
    );
    for (const [id, acked] of [
      ['a', 5],
      ['b', null],
      ['c', null],
    ] as const)
      insert.run(id, acked);
    // The newest row was sent and purged: its seq (4) must never be given again.
    insert.run('d', 9);
    db.prepare("DELETE FROM outbox WHERE id = 'd'").run();

    expect(migrate(db, MIGRATIONS, 6)).toBe(6);

    expect(db.prepare('SELECT seq, id, acked_at_ms FROM outbox ORDER BY seq').all()).toEqual([
      { seq: 1, id: 'a', acked_at_ms: 5 },
      { seq: 2, id: 'b', acked_at_ms: null },
      { seq: 3, id: 'c', acked_at_ms: null },
    ]);
    db.prepare(
      "INSERT INTO outbox (id, session_id, kind, payload, created_at_ms) VALUES ('cal', NULL, 'calibration', '{}', 0)",
    ).run();
    expect(db.prepare("SELECT seq FROM outbox WHERE id = 'cal'").get()).toEqual({ seq: 5 });
    // Still tied to its session where it has one.
    expect(() =>
      db
        .prepare(
          "INSERT INTO outbox (id, session_id, kind, payload, created_at_ms) VALUES ('x', 'nope', 'consent', '{}', 0)",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    const plan = db
      .prepare<[], { detail: string }>(
        'EXPLAIN QUERY PLAN SELECT seq FROM outbox WHERE acked_at_ms IS NULL ORDER BY seq',
      )
      .all();
    expect(plan.map((p) => p.detail).join(' ')).toContain('outbox_pending');
    db.prepare(
      "INSERT INTO calibrations (id, device_id, model, serial_number, performed_at, performed_at_ms, valid_until, result, technician, notes, certificate_number, record) VALUES ('c1', 'bp-1', 'm', NULL, 't', 0, NULL, 'failed', 'T', '', 'CAL-1', '{}')",
    ).run();
    expect(db.prepare('SELECT certificate_number, record FROM calibrations').get()).toEqual({
      certificate_number: 'CAL-1',
      record: '{}',
    });
  });
});
