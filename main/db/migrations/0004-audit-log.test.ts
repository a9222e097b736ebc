import { describe, expect, it } from 'vitest';
import { databaseAt } from '../testing/database-at';
import { MIGRATIONS, migrate, schemaVersion } from './index';

describe('migration 0004 audit log', () => {
  it('adds the audit log; a file newer than the latest version is refused', () => {
    const db = databaseAt(3);
    expect(migrate(db, MIGRATIONS, 4)).toBe(4);
    db.prepare(
      "INSERT INTO audit_log (at, at_ms, actor, action, subject) VALUES ('t', 1, 'technician', 'pin-mode-entered', NULL)",
    ).run();
    expect(db.prepare('SELECT actor FROM audit_log').all()).toEqual([{ actor: 'technician' }]);
    expect(migrate(db)).toBe(MIGRATIONS.length);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    expect(() => migrate(db)).toThrow(/newer than this kiosk software/);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length + 1);
  });
});
