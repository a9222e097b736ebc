import { describe, expect, it } from 'vitest';
import { databaseAt } from '../testing/database-at';
import { MIGRATIONS, migrate } from './index';

describe('migration 0008 identity traits', () => {
  it('keeps the identities there were, and takes one without an NIR only with its traits', () => {
    const db = databaseAt(7);
    db.prepare("INSERT INTO sessions (id, kiosk_id, started_at) VALUES ('s1', 'k', '2026-12-06T10:00:00Z')").run();
    db.prepare("INSERT INTO sessions (id, kiosk_id, started_at) VALUES ('s2', 'k', '2026-12-06T10:00:00Z')").run();
    db.prepare(
      "INSERT INTO identities VALUES ('s1', 'TEST', 'Patient', '1969-05-01', '269054958815780', 'card', 1)",
    ).run();
    expect(migrate(db, MIGRATIONS, 8)).toBe(8);
    expect(db.prepare('SELECT nir, traits FROM identities').all()).toEqual([{ nir: '269054958815780', traits: null }]);
    const insert = db.prepare(
      "INSERT INTO identities (session_id, last_name, first_name, birth_date, nir, source, saved_at_ms, traits) VALUES ('s2', 'X', 'Y', '1990-03-14', NULL, 'manual', 2, ?)",
    );
    expect(() => insert.run(null)).toThrow(/CHECK/);
    insert.run('{"birthName":"X"}');
    // The session's identity still goes with its session.
    db.prepare("DELETE FROM sessions WHERE id = 's1'").run();
    expect(db.prepare('SELECT session_id FROM identities').all()).toEqual([{ session_id: 's2' }]);
    expect(migrate(db)).toBe(MIGRATIONS.length);
  });
});
