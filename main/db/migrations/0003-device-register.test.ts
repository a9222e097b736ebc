import { describe, expect, it } from 'vitest';
import { databaseAt } from '../testing/database-at';
import { MIGRATIONS, migrate } from './index';

describe('migration 0003 device register', () => {
  it('adds device events, calibrations (passed/failed only) and the maintenance register', () => {
    const db = databaseAt(2);
    expect(migrate(db, MIGRATIONS, 3)).toBe(3);
    db.prepare(
      "INSERT INTO device_events (device_id, at, at_ms, type, detail) VALUES ('d', 't', 1, 'connected', '')",
    ).run();
    db.prepare("INSERT INTO maintenance_register VALUES ('m1', NULL, 't', 1, 'install', 'tech', '')").run();
    const calibration = db.prepare(
      "INSERT INTO calibrations VALUES (?, 'd', 'nonin-format2', NULL, 't', 1, NULL, ?, 'tech', '')",
    );
    calibration.run('c1', 'passed');
    expect(() => calibration.run('c2', 'maybe')).toThrow(/CHECK/);
    expect(db.prepare('SELECT count(*) AS n FROM calibrations').get()).toEqual({ n: 1 });
  });
});
