import type { RecordsMigration } from './index';

/**
 * A specialist's teleconsultation is billed "TC" at the specialist's own fee, which the platform
 * does not know (it depends on the specialty, the sector and any overrun): the fee becomes nullable
 * rather than carrying the GP's 30 €. SQLite cannot drop a NOT NULL, so the table is rebuilt; the
 * rows 0012 wrote for specialists ("TC (<specialty>, tarif à vérifier)", 3000) lose the wrong fee.
 */
export const migration0013: RecordsMigration = {
  version: 13,
  name: 'billing-specialist-fee',
  up(db) {
    db.exec(`
      CREATE TABLE billing_entries_0013 (
        consultation_id TEXT PRIMARY KEY,
        ended_at TEXT NOT NULL,
        day TEXT NOT NULL,
        pharmacy_id TEXT,
        kiosk_id TEXT NOT NULL,
        doctor_rpps TEXT NOT NULL,
        nir TEXT,
        act_code TEXT NOT NULL,
        amount_cents INTEGER NOT NULL,
        teleconsultation_act TEXT NOT NULL,
        -- NULL: the teleconsultant's own fee (TC), unknown to the platform.
        teleconsultation_fee_cents INTEGER,
        coverage TEXT NOT NULL
      ) STRICT;
      INSERT INTO billing_entries_0013
        SELECT consultation_id, ended_at, day, pharmacy_id, kiosk_id, doctor_rpps, nir, act_code, amount_cents,
               CASE WHEN teleconsultation_act LIKE 'TC (%' THEN 'TC' ELSE teleconsultation_act END,
               CASE WHEN teleconsultation_act LIKE 'TC (%' THEN NULL ELSE teleconsultation_fee_cents END,
               coverage
          FROM billing_entries;
      DROP TABLE billing_entries;
      ALTER TABLE billing_entries_0013 RENAME TO billing_entries;
      CREATE INDEX billing_entries_by_pharmacy ON billing_entries (pharmacy_id, day);
    `);
  },
};
