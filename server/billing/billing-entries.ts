import type Database from 'better-sqlite3-multiple-ciphers';
import { IntakeRecord } from '../../common/records/wire';
import { coverageFromIntake, type BillingEntry } from './billing-entry';

/** A month, YYYY-MM. */
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

export interface Row {
  consultation_id: string;
  ended_at: string;
  day: string;
  pharmacy_id: string | null;
  kiosk_id: string;
  doctor_rpps: string;
  nir: string | null;
  act_code: string;
  amount_cents: number;
  teleconsultation_act: string;
  teleconsultation_fee_cents: number | null;
  coverage: string;
  /** The session's intake as the kiosk synced it (JSON text, or parsed on PostgreSQL), null until it arrives. */
  intake: string | object | null;
}

/**
 * Each row with its session's intake, through the doctor's participation (consultation → session):
 * the care-pathway answers arrive with the kiosk's outbox, before or after the end of the call.
 */
const WITH_INTAKE = `SELECT b.*, (SELECT c.intake FROM consultations c WHERE c.session_id = (
    SELECT p.session_id FROM consultation_participants p WHERE p.consultation_id = b.consultation_id LIMIT 1)) AS intake
  FROM billing_entries b`;

/** The assisted teleconsultations to bill on either engine: SQLite (below) or PostgreSQL (pg-billing-entries.ts). */
export interface BillingStore {
  /** Stores the row durably; false when this consultation already has one. Rejects when the database refuses. */
  record(entry: BillingEntry): Promise<boolean>;
  /** The month's rows (YYYY-MM), of one pharmacy or (null) of all, oldest first. */
  forMonth(month: string, pharmacyId: string | null): Promise<BillingEntry[]>;
  /** A pharmacy's assisted teleconsultations on `day` (YYYY-MM-DD) and in that day's month. */
  counts(pharmacyId: string, day: string): Promise<{ day: number; month: number }>;
}

/** A month as YYYY-MM, or an error saying what is expected. */
export function checkMonth(month: string): void {
  if (!MONTH_PATTERN.test(month)) throw new Error(`month ${JSON.stringify(month)}: expected YYYY-MM, e.g. 2026-12`);
}

/**
 * The assisted teleconsultations to bill, in the records database (encrypted with it: it holds
 * NIRs). Written once per consultation: a retried end of the call adds nothing.
 */
export class BillingEntries implements BillingStore {
  private readonly statements;

  constructor(db: Database.Database) {
    this.statements = {
      insert: db.prepare(
        `INSERT INTO billing_entries VALUES (
           @consultationId, @endedAt, @day, @pharmacyId, @kioskId, @doctorRpps, @nir,
           @actCode, @amountCents, @teleconsultationAct, @teleconsultationFeeCents, @coverage)
         ON CONFLICT (consultation_id) DO NOTHING`,
      ),
      month: db.prepare<[string], Row>(`${WITH_INTAKE} WHERE substr(b.day, 1, 7) = ? ORDER BY b.ended_at`),
      monthOf: db.prepare<[string, string], Row>(
        `${WITH_INTAKE} WHERE substr(b.day, 1, 7) = ? AND b.pharmacy_id = ? ORDER BY b.ended_at`,
      ),
      counts: db.prepare<[string, string, string], { today: number; month: number }>(
        `SELECT count(*) FILTER (WHERE day = ?) AS today, count(*) AS month
           FROM billing_entries WHERE pharmacy_id = ? AND substr(day, 1, 7) = ?`,
      ),
    };
  }

  async record(entry: BillingEntry): Promise<boolean> {
    return this.insert(entry);
  }

  /** The write itself, synchronous: for a caller's SQLite transaction (ended-consultation.ts). */
  insert(entry: BillingEntry): boolean {
    return this.statements.insert.run(entry).changes === 1;
  }

  async forMonth(month: string, pharmacyId: string | null): Promise<BillingEntry[]> {
    checkMonth(month);
    const rows =
      pharmacyId === null ? this.statements.month.all(month) : this.statements.monthOf.all(month, pharmacyId);
    return rows.map(fromRow);
  }

  async counts(pharmacyId: string, day: string): Promise<{ day: number; month: number }> {
    const row = this.statements.counts.get(day, pharmacyId, day.slice(0, 7))!;
    return { day: row.today, month: row.month };
  }
}

/** A row as stored, its NIR in clear (PostgreSQL opens its sealed one first). */
export function fromRow(row: Row): BillingEntry {
  return {
    consultationId: row.consultation_id,
    endedAt: row.ended_at,
    day: row.day,
    pharmacyId: row.pharmacy_id,
    kioskId: row.kiosk_id,
    doctorRpps: row.doctor_rpps,
    nir: row.nir,
    actCode: row.act_code,
    amountCents: row.amount_cents,
    teleconsultationAct: row.teleconsultation_act,
    teleconsultationFeeCents: row.teleconsultation_fee_cents,
    coverage: coverageOf(row),
  };
}

/** The coverage from the synced intake when there is one; else what was stored (COVERAGE_UNKNOWN). */
function coverageOf(row: Row): string {
  if (row.intake === null) return row.coverage;
  const intake = IntakeRecord.safeParse(typeof row.intake === 'string' ? JSON.parse(row.intake) : row.intake);
  return intake.success ? coverageFromIntake(intake.data.carePathway, intake.data.specialty) : row.coverage;
}
