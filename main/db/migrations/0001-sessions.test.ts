import { describe, expect, it } from 'vitest';
import { openDatabase } from '../open-database';
import { MIGRATIONS, migrate, schemaVersion } from './index';

describe('migration 0001 sessions', () => {
  it('creates sessions, identities, consents and intakes with cascading foreign keys', () => {
    const db = openDatabase(':memory:', null);
    expect(migrate(db, MIGRATIONS, 1)).toBe(1);
    db.prepare("INSERT INTO sessions (id, kiosk_id, started_at) VALUES ('s1', 'k1', '2026-01-01T00:00:00Z')").run();
    db.prepare("INSERT INTO identities VALUES ('s1', 'A', 'B', '1980-01-01', '180017512345612', 'card', 1)").run();
    db.prepare(
      "INSERT INTO consents (session_id, text_version, teleconsultation, secondary_use, answered_at) VALUES ('s1', 'v1', 1, 0, 'x')",
    ).run();
    expect(() => db.prepare("INSERT INTO identities VALUES ('nope', 'A', 'B', 'x', 'y', 'card', 1)").run()).toThrow(
      /FOREIGN KEY/,
    );
    expect(() => db.prepare("INSERT INTO identities VALUES ('s1', 'A', 'B', 'x', 'y', 'other', 1)").run()).toThrow(
      /CHECK|UNIQUE/,
    );
    db.prepare("DELETE FROM sessions WHERE id = 's1'").run();
    expect(db.prepare('SELECT count(*) AS n FROM consents').get()).toEqual({ n: 0 });
    expect(schemaVersion(db)).toBe(1);
  });
});
