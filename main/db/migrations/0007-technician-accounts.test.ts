import { describe, expect, it } from 'vitest';
import { databaseAt } from '../testing/database-at';
import { MIGRATIONS, migrate } from './index';

describe('migration 0007 technician accounts', () => {
  it('adds the cached accounts and the lockouts, one row per identifier', () => {
    const db = databaseAt(6);
    expect(migrate(db, MIGRATIONS, 7)).toBe(7);
    db.prepare("INSERT INTO technician_accounts VALUES ('tech.martin', 'Léa Martin', 'scrypt$h', 1)").run();
    expect(() => db.prepare("INSERT INTO technician_accounts VALUES ('tech.martin', 'X', 'h', 2)").run()).toThrow(
      /UNIQUE/,
    );
    db.prepare("INSERT INTO technician_lockouts VALUES ('tech.martin', 5, 900000)").run();
    expect(() => db.prepare("INSERT INTO technician_lockouts VALUES ('tech.martin', 'five', 0)").run()).toThrow();
    expect(migrate(db)).toBe(MIGRATIONS.length);
  });
});
