import type pg from 'pg';
import type { ColumnCipher } from '../records/column-cipher';
import { checkMonth, fromRow, type BillingStore, type Row } from './billing-entries';
import type { BillingEntry } from './billing-entry';

const nirWhere = (consultationId: string) => `billing_entries.nir:${consultationId}`;
/** As the records repository seals a session's intake (pg-record-items.ts). */
const intakeWhere = (sessionId: string) => `consultations.intake:${sessionId}`;

type PgRow = Omit<Row, 'nir' | 'intake'> & { nir: Buffer | null; intake: Buffer | null; intake_session: string | null };

/** Each row with its session's intake, through the doctor's participation, as on SQLite (billing-entries.ts). */
const WITH_INTAKE = `SELECT b.*, c.session_id AS intake_session, c.intake FROM billing_entries b
  LEFT JOIN LATERAL (SELECT p.session_id FROM consultation_participants p
    WHERE p.consultation_id = b.consultation_id LIMIT 1) p ON true
  LEFT JOIN consultations c ON c.session_id = p.session_id`;

/**
 * The billing rows on PostgreSQL (migration 0010), so every node counts and exports the same ones;
 * the NIR sealed under the data key, the session's intake opened with the records' key.
 */
export class PgBillingEntries implements BillingStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly cipher: ColumnCipher,
  ) {}

  record(entry: BillingEntry): Promise<boolean> {
    return this.insert(this.pool, entry);
  }

  /** The write on a given connection: the pool, or a caller's transaction (ended-consultation.ts). */
  async insert(client: pg.Pool | pg.ClientBase, entry: BillingEntry): Promise<boolean> {
    const result = await client.query(
      `INSERT INTO billing_entries VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (consultation_id) DO NOTHING`,
      [
        entry.consultationId,
        entry.endedAt,
        entry.day,
        entry.pharmacyId,
        entry.kioskId,
        entry.doctorRpps,
        entry.nir === null ? null : this.cipher.seal(Buffer.from(entry.nir, 'utf8'), nirWhere(entry.consultationId)),
        entry.actCode,
        entry.amountCents,
        entry.teleconsultationAct,
        entry.teleconsultationFeeCents,
        entry.coverage,
      ],
    );
    return result.rowCount === 1;
  }

  async forMonth(month: string, pharmacyId: string | null): Promise<BillingEntry[]> {
    checkMonth(month);
    const { rows } =
      pharmacyId === null
        ? await this.pool.query<PgRow>(`${WITH_INTAKE} WHERE substr(b.day, 1, 7) = $1 ORDER BY b.ended_at`, [month])
        : await this.pool.query<PgRow>(
            `${WITH_INTAKE} WHERE substr(b.day, 1, 7) = $1 AND b.pharmacy_id = $2 ORDER BY b.ended_at`,
            [month, pharmacyId],
          );
    return rows.map((row) => fromRow(this.opened(row)));
  }

  async counts(pharmacyId: string, day: string): Promise<{ day: number; month: number }> {
    const { rows } = await this.pool.query<{ today: string; month: string }>(
      `SELECT count(*) FILTER (WHERE day = $1) AS today, count(*) AS month
         FROM billing_entries WHERE pharmacy_id = $2 AND substr(day, 1, 7) = $3`,
      [day, pharmacyId, day.slice(0, 7)],
    );
    return { day: Number(rows[0]!.today), month: Number(rows[0]!.month) };
  }

  private opened({ intake_session: session, ...row }: PgRow): Row {
    return {
      ...row,
      nir: row.nir === null ? null : this.cipher.open(row.nir, nirWhere(row.consultation_id)).toString('utf8'),
      intake:
        row.intake === null || session === null ? null : this.cipher.openJson<object>(row.intake, intakeWhere(session)),
    };
  }
}
