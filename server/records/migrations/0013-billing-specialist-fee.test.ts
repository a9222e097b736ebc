import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { RECORDS_MIGRATIONS, migrateRecords } from './index';

describe('records migration 0013 billing specialist fee', () => {
  it("keeps the GP's rows and drops the GP fee a specialist's row carried", () => {
    const db = new Database(':memory:');
    migrateRecords(db, RECORDS_MIGRATIONS, 12);
    const insert = db.prepare('INSERT INTO billing_entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const row = (id: string, act: string) =>
      insert.run(
        id,
        '2026-12-05T10:00:00.000Z',
        '2026-12-05',
        'p',
        'k',
        '10000000001',
        null,
        'TLM',
        100,
        act,
        3000,
        'x',
      );
    row('gp', 'TCG');
    row('spe', 'TC (dermatology, tarif à vérifier)');
    expect(migrateRecords(db, RECORDS_MIGRATIONS, 13)).toBe(13);
    const rows = db
      .prepare(
        'SELECT consultation_id, teleconsultation_act, teleconsultation_fee_cents FROM billing_entries ORDER BY 1',
      )
      .all();
    expect(rows).toEqual([
      { consultation_id: 'gp', teleconsultation_act: 'TCG', teleconsultation_fee_cents: 3000 },
      { consultation_id: 'spe', teleconsultation_act: 'TC', teleconsultation_fee_cents: null },
    ]);
    // Still one row per consultation.
    expect(() => row('gp', 'TCG')).toThrow(/UNIQUE/);
  });
});
