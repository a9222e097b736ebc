import type pg from 'pg';
import { Prescription } from '../../common/consultation/prescription';
import type { ColumnCipher } from '../records/column-cipher';
import type { PrescriptionSequence } from '../records/prescription-sequence';
import type { IssuedPrescription, PrescriptionRecords } from './prescription-store';

/** The sealed column of a prescription is bound to its number: a value copied to another row does not open. */
const where = (number: string) => `prescriptions.prescription:${number}`;

/** Issued prescriptions on PostgreSQL (migration 0006), the prescription sealed under the data key. */
export class PgPrescriptionStore implements PrescriptionRecords {
  constructor(
    private readonly pool: pg.Pool,
    private readonly cipher: ColumnCipher,
  ) {}

  async save({ prescription, consultationId, kioskId }: IssuedPrescription): Promise<void> {
    await this.pool.query(
      'INSERT INTO prescriptions (number, consultation_id, kiosk_id, issued_at, prescription) VALUES ($1, $2, $3, $4, $5)',
      [
        prescription.number,
        consultationId,
        kioskId,
        prescription.issuedAt,
        this.cipher.sealJson(prescription, where(prescription.number)),
      ],
    );
  }

  async get(number: string): Promise<IssuedPrescription | null> {
    const { rows } = await this.pool.query<{
      consultation_id: string | null;
      kiosk_id: string | null;
      prescription: Buffer;
    }>('SELECT consultation_id, kiosk_id, prescription FROM prescriptions WHERE number = $1', [number]);
    const row = rows[0];
    if (!row) return null;
    return {
      prescription: Prescription.parse(this.cipher.openJson(row.prescription, where(number))),
      consultationId: row.consultation_id,
      kioskId: row.kiosk_id,
    };
  }
}

/**
 * The counter on PostgreSQL: one `UPDATE … RETURNING` whose row lock makes concurrent issuers (other
 * connections, other nodes) wait their turn, so no two get the same number. A rolled-back issue
 * leaves a gap, never a duplicate.
 */
export class PgPrescriptionSequence implements PrescriptionSequence {
  constructor(private readonly pool: pg.Pool) {}

  async next(): Promise<number> {
    const { rows } = await this.pool.query<{ value: string }>(
      'UPDATE prescription_counter SET value = value + 1 WHERE id = 1 RETURNING value',
    );
    return Number(rows[0]!.value);
  }

  async raiseTo(floor: number): Promise<void> {
    await this.pool.query('UPDATE prescription_counter SET value = GREATEST(value, $1) WHERE id = 1', [floor]);
  }
}
