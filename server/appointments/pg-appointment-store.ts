import type pg from 'pg';
import type { Specialty } from '../../common/flow/care-pathway';
import type { CancelReason } from '../../common/routing/appointments';
import type { ColumnCipher } from '../records/column-cipher';
import {
  planColumns,
  planFromRow,
  type Appointment,
  type AppointmentStatus,
  type AppointmentStore,
  type PlanRow,
  type StoredPlan,
} from './appointment-store';

/** The sealed intake is bound to its appointment: a value copied to another row does not open. */
const where = (id: string) => `appointments.patient:${id}`;
const LIVE = `status IN ('booked', 'checked-in')`;
/** The advisory lock's first key: bookings of one cabin take turns, on every node (the second key: the kiosk). */
const CABIN_LOCK = 17_0001;

interface PgRow {
  id: string;
  doctor_id: string;
  doctor_name: string;
  kiosk_id: string;
  territory: string;
  starts_at: string;
  ends_at: string;
  specialty: string;
  status: string;
  booked_by: string;
  patient: Buffer;
  reminder: string | null;
  cancel_reason: string | null;
}

/**
 * Appointments on PostgreSQL (migration 0011), the patient's intake sealed under the data key. A
 * booking checks the slot and the cabin under a per-cabin advisory lock, and the live-slot index
 * refuses a second patient on one doctor's slot whichever node books it.
 */
export class PgAppointmentStore implements AppointmentStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly cipher: ColumnCipher,
  ) {}

  async savePlan(stored: StoredPlan, now: number): Promise<void> {
    await this.pool.query(
      `INSERT INTO slot_plans VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (doctor_id) DO UPDATE SET doctor_name = excluded.doctor_name, doctor_rpps = excluded.doctor_rpps,
         specialties = excluded.specialties, territories = excluded.territories, length_minutes = excluded.length_minutes,
         days = excluded.days, from_time = excluded.from_time, to_time = excluded.to_time, updated_at = excluded.updated_at`,
      planColumns(stored, now),
    );
  }

  async plans(): Promise<StoredPlan[]> {
    const { rows } = await this.pool.query<PlanRow>('SELECT * FROM slot_plans ORDER BY doctor_name');
    return rows.map(planFromRow);
  }

  async planOf(doctorId: string): Promise<StoredPlan | null> {
    const { rows } = await this.pool.query<PlanRow>('SELECT * FROM slot_plans WHERE doctor_id = $1', [doctorId]);
    return rows[0] ? planFromRow(rows[0]) : null;
  }

  async insertIfCabinFree(
    a: Appointment,
    cabinFrom: number,
    cabinTo: number,
    now: number,
  ): Promise<'ok' | 'slot-taken' | 'cabin-busy'> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [CABIN_LOCK, a.kioskId]);
      const outcome = await this.insertChecked(client, a, cabinFrom, cabinTo, now);
      await client.query(outcome === 'ok' ? 'COMMIT' : 'ROLLBACK');
      return outcome;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      // Another node took the doctor's slot between the check and the insert: the index refused it.
      if ((error as { code?: string }).code === '23505') return 'slot-taken';
      throw error;
    } finally {
      client.release();
    }
  }

  private async insertChecked(
    client: pg.PoolClient,
    a: Appointment,
    cabinFrom: number,
    cabinTo: number,
    now: number,
  ): Promise<'ok' | 'slot-taken' | 'cabin-busy'> {
    const taken = await client.query(`SELECT 1 FROM appointments WHERE doctor_id = $1 AND starts_at = $2 AND ${LIVE}`, [
      a.doctorId,
      a.startsAt,
    ]);
    if (taken.rowCount) return 'slot-taken';
    const busy = await client.query(
      `SELECT 1 FROM appointments WHERE kiosk_id = $1 AND ${LIVE} AND starts_at < $2 AND ends_at > $3`,
      [a.kioskId, cabinTo, cabinFrom],
    );
    if (busy.rowCount) return 'cabin-busy';
    const reminder = (a.patient as { reminder?: unknown } | null)?.reminder;
    await client.query(
      'INSERT INTO appointments VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)',
      [
        a.id,
        a.doctorId,
        a.doctorName,
        a.kioskId,
        a.territory,
        a.startsAt,
        a.endsAt,
        a.specialty,
        a.status,
        a.bookedBy,
        this.cipher.sealJson(a.patient ?? null, where(a.id)),
        typeof reminder === 'string' ? reminder : null,
        now,
        now,
      ],
    );
    return 'ok';
  }

  async get(id: string): Promise<Appointment | null> {
    return (await this.select('id = $1', id))[0] ?? null;
  }

  async setStatus(id: string, status: AppointmentStatus, now: number): Promise<void> {
    await this.pool.query('UPDATE appointments SET status = $1, updated_at = $2 WHERE id = $3', [status, now, id]);
  }

  async cancel(id: string, reason: CancelReason, now: number): Promise<Appointment | null> {
    const { rows } = await this.pool.query<PgRow>(
      `UPDATE appointments SET status = 'cancelled', cancel_reason = $1, updated_at = $2
       WHERE id = $3 AND ${LIVE} RETURNING *`,
      [reason, now, id],
    );
    return rows[0] ? this.fromRow(rows[0]) : null;
  }

  live(from: number, to: number): Promise<Appointment[]> {
    return this.select(`${LIVE} AND starts_at >= $1 AND starts_at < $2`, from, to);
  }

  ofKiosk(kioskId: string, from: number, to: number): Promise<Appointment[]> {
    return this.select('kiosk_id = $1 AND starts_at >= $2 AND starts_at < $3', kioskId, from, to);
  }

  ofDoctor(doctorId: string, from: number, to: number): Promise<Appointment[]> {
    return this.select('doctor_id = $1 AND starts_at >= $2 AND starts_at < $3', doctorId, from, to);
  }

  dueReminders(now: number, until: number): Promise<Appointment[]> {
    return this.select(`status = 'booked' AND starts_at > $1 AND starts_at <= $2 AND reminder = 'asked'`, now, until);
  }

  /** One UPDATE whose row lock lets one node only move it from asked to sending. */
  async claimReminder(id: string): Promise<boolean> {
    const claimed = await this.pool.query(
      `UPDATE appointments SET reminder = 'sending' WHERE id = $1 AND reminder = 'asked'`,
      [id],
    );
    return claimed.rowCount === 1;
  }

  async settleReminder(id: string, outcome: 'sent' | 'failed'): Promise<void> {
    await this.pool.query('UPDATE appointments SET reminder = $1 WHERE id = $2', [outcome, id]);
  }

  private async select(condition: string, ...params: unknown[]): Promise<Appointment[]> {
    const { rows } = await this.pool.query<PgRow>(
      `SELECT * FROM appointments WHERE ${condition} ORDER BY starts_at`,
      params,
    );
    return rows.map((row) => this.fromRow(row));
  }

  /** The intake as booked, with the reminder's state as it is now (as SQLite keeps it in the intake). */
  private fromRow(r: PgRow): Appointment {
    const patient = this.cipher.openJson<unknown>(r.patient, where(r.id));
    return {
      id: r.id,
      doctorId: r.doctor_id,
      doctorName: r.doctor_name,
      kioskId: r.kiosk_id,
      territory: r.territory,
      startsAt: Number(r.starts_at),
      endsAt: Number(r.ends_at),
      specialty: r.specialty as Specialty,
      status: r.status as AppointmentStatus,
      bookedBy: r.booked_by as Appointment['bookedBy'],
      cancelReason: (r.cancel_reason as CancelReason | null) ?? null,
      patient:
        r.reminder !== null && patient !== null && typeof patient === 'object'
          ? { ...patient, reminder: r.reminder }
          : patient,
    };
  }
}
