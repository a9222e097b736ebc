import type Database from 'better-sqlite3-multiple-ciphers';
import type { Specialty } from '../../common/flow/care-pathway';
import type { CancelReason, SlotPlan } from '../../common/routing/appointments';
import type { DoctorScope } from '../../common/routing/doctor-scope';

/** A doctor's published plan, with who they are and whom they take (copied at publication). */
export interface StoredPlan {
  doctorId: string;
  doctorName: string;
  doctorRpps: string;
  scope: DoctorScope;
  plan: SlotPlan;
}

export type AppointmentStatus = 'booked' | 'checked-in' | 'missed' | 'cancelled';

export interface Appointment {
  id: string;
  doctorId: string;
  doctorName: string;
  kioskId: string;
  territory: string;
  startsAt: number;
  endsAt: number;
  specialty: Specialty;
  status: AppointmentStatus;
  bookedBy: 'kiosk' | 'pharmacist';
  /** The intake the kiosk hands back at check-in (identity, answers, reason, contact), as it sent it. */
  patient: unknown;
  /** Why the doctor cancelled it (status `cancelled`); null otherwise. */
  cancelReason?: CancelReason | null;
}

/**
 * Where appointments are kept, on either engine: SQLite (below) or PostgreSQL
 * (pg-appointment-store.ts). `insertIfCabinFree` must refuse a second live appointment on the same
 * doctor's slot and check the cabin and insert atomically, also between platform nodes.
 */
export interface AppointmentStore {
  savePlan(plan: StoredPlan, now: number): Promise<void>;
  plans(): Promise<StoredPlan[]>;
  planOf(doctorId: string): Promise<StoredPlan | null>;
  /** 'slot-taken' or 'cabin-busy' when refused; the cabin is busy when a live appointment of that kiosk overlaps `cabinFrom`–`cabinTo`. */
  insertIfCabinFree(
    appointment: Appointment,
    cabinFrom: number,
    cabinTo: number,
    now: number,
  ): Promise<'ok' | 'slot-taken' | 'cabin-busy'>;
  get(id: string): Promise<Appointment | null>;
  setStatus(id: string, status: AppointmentStatus, now: number): Promise<void>;
  /**
   * Cancels a live (booked or checked-in) appointment with the doctor's reason; the appointment as
   * cancelled, or null when it was not live (so one cancellation only tells the patient, once).
   */
  cancel(id: string, reason: CancelReason, now: number): Promise<Appointment | null>;
  /** Live (booked or checked-in) appointments starting in [from, to), by start. */
  live(from: number, to: number): Promise<Appointment[]>;
  /** Every appointment of a kiosk starting in [from, to), by start (the pharmacy's day). */
  ofKiosk(kioskId: string, from: number, to: number): Promise<Appointment[]>;
  ofDoctor(doctorId: string, from: number, to: number): Promise<Appointment[]>;
  /**
   * Reminders (issue 17): booked appointments starting in (now, until] whose patient asked for a
   * reminder not yet sent. The request is kept with the booking (`reminder` in its patient record),
   * so due reminders survive a restart.
   */
  dueReminders(now: number, until: number): Promise<Appointment[]>;
  /** Takes a due reminder for sending; false when another platform worker (or node) took it first. */
  claimReminder(id: string): Promise<boolean>;
  settleReminder(id: string, outcome: 'sent' | 'failed'): Promise<void>;
}

interface Row {
  id: string;
  doctor_id: string;
  doctor_name: string;
  kiosk_id: string;
  territory: string;
  starts_at: number;
  ends_at: number;
  specialty: string;
  status: string;
  booked_by: string;
  patient: string;
}

const fromRow = (r: Row): Appointment =>
  withCancelReason({
    id: r.id,
    doctorId: r.doctor_id,
    doctorName: r.doctor_name,
    kioskId: r.kiosk_id,
    territory: r.territory,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    specialty: r.specialty as Specialty,
    status: r.status as AppointmentStatus,
    bookedBy: r.booked_by as Appointment['bookedBy'],
    patient: JSON.parse(r.patient) as unknown,
  });

/** SQLite keeps the cancellation's reason in the intake (as the reminder's state): lifted out here. */
function withCancelReason(a: Appointment): Appointment {
  const patient = a.patient as { cancelReason?: CancelReason } | null;
  if (!patient || typeof patient !== 'object' || !('cancelReason' in patient)) return { ...a, cancelReason: null };
  const { cancelReason, ...intake } = patient;
  return { ...a, patient: intake, cancelReason: cancelReason ?? null };
}

export interface PlanRow {
  doctor_id: string;
  doctor_name: string;
  doctor_rpps: string;
  specialties: string;
  territories: string;
  length_minutes: number;
  days: string;
  from_time: string;
  to_time: string;
}

/** A plan's columns in table order, as both engines insert them. */
export const planColumns = ({ doctorId, doctorName, doctorRpps, scope, plan }: StoredPlan, now: number) => [
  doctorId,
  doctorName,
  doctorRpps,
  JSON.stringify(scope.specialties),
  JSON.stringify(scope.territories),
  plan.lengthMinutes,
  JSON.stringify(plan.days),
  plan.from,
  plan.to,
  now,
];

export const planFromRow = (r: PlanRow): StoredPlan => ({
  doctorId: r.doctor_id,
  doctorName: r.doctor_name,
  doctorRpps: r.doctor_rpps,
  scope: { specialties: JSON.parse(r.specialties) as Specialty[], territories: JSON.parse(r.territories) as string[] },
  plan: { lengthMinutes: r.length_minutes, days: JSON.parse(r.days) as number[], from: r.from_time, to: r.to_time },
});

const LIVE = `status IN ('booked', 'checked-in')`;

/** The SQLite engine: the records database's connection (migration 0014). */
export class SqliteAppointmentStore implements AppointmentStore {
  constructor(private readonly db: Database.Database) {}

  async savePlan(stored: StoredPlan, now: number): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO slot_plans VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (doctor_id) DO UPDATE SET doctor_name = excluded.doctor_name, doctor_rpps = excluded.doctor_rpps,
           specialties = excluded.specialties, territories = excluded.territories, length_minutes = excluded.length_minutes,
           days = excluded.days, from_time = excluded.from_time, to_time = excluded.to_time, updated_at = excluded.updated_at`,
      )
      .run(...planColumns(stored, now));
  }

  async plans(): Promise<StoredPlan[]> {
    return (this.db.prepare('SELECT * FROM slot_plans ORDER BY doctor_name').all() as PlanRow[]).map(planFromRow);
  }

  async planOf(doctorId: string): Promise<StoredPlan | null> {
    const row = this.db.prepare('SELECT * FROM slot_plans WHERE doctor_id = ?').get(doctorId) as PlanRow | undefined;
    return row ? planFromRow(row) : null;
  }

  async insertIfCabinFree(
    a: Appointment,
    cabinFrom: number,
    cabinTo: number,
    now: number,
  ): Promise<'ok' | 'slot-taken' | 'cabin-busy'> {
    return this.db
      .transaction(() => {
        const taken = this.db
          .prepare(`SELECT 1 FROM appointments WHERE doctor_id = ? AND starts_at = ? AND ${LIVE}`)
          .get(a.doctorId, a.startsAt);
        if (taken) return 'slot-taken' as const;
        const busy = this.db
          .prepare(`SELECT 1 FROM appointments WHERE kiosk_id = ? AND ${LIVE} AND starts_at < ? AND ends_at > ?`)
          .get(a.kioskId, cabinTo, cabinFrom);
        if (busy) return 'cabin-busy' as const;
        this.db
          .prepare('INSERT INTO appointments VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
          .run(
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
            JSON.stringify(a.patient ?? null),
            now,
            now,
          );
        return 'ok' as const;
      })
      .immediate();
  }

  async get(id: string): Promise<Appointment | null> {
    const row = this.db.prepare('SELECT * FROM appointments WHERE id = ?').get(id) as Row | undefined;
    return row ? fromRow(row) : null;
  }

  async setStatus(id: string, status: AppointmentStatus, now: number): Promise<void> {
    this.db.prepare('UPDATE appointments SET status = ?, updated_at = ? WHERE id = ?').run(status, now, id);
  }

  async cancel(id: string, reason: CancelReason, now: number): Promise<Appointment | null> {
    // A counter booking's intake may be JSON null: the reason then goes into an object of its own.
    const done = this.db
      .prepare(
        `UPDATE appointments SET status = 'cancelled', updated_at = ?,
           patient = json_set(CASE json_type(patient) WHEN 'object' THEN patient ELSE '{}' END, '$.cancelReason', ?)
         WHERE id = ? AND ${LIVE}`,
      )
      .run(now, reason, id);
    return done.changes === 1 ? this.get(id) : null;
  }

  async live(from: number, to: number): Promise<Appointment[]> {
    return this.select(`${LIVE} AND starts_at >= ? AND starts_at < ?`, from, to);
  }

  async ofKiosk(kioskId: string, from: number, to: number): Promise<Appointment[]> {
    return this.select('kiosk_id = ? AND starts_at >= ? AND starts_at < ?', kioskId, from, to);
  }

  async ofDoctor(doctorId: string, from: number, to: number): Promise<Appointment[]> {
    return this.select('doctor_id = ? AND starts_at >= ? AND starts_at < ?', doctorId, from, to);
  }

  async dueReminders(now: number, until: number): Promise<Appointment[]> {
    return this.select(
      `status = 'booked' AND starts_at > ? AND starts_at <= ? AND json_extract(patient, '$.reminder') = 'asked'`,
      now,
      until,
    );
  }

  async claimReminder(id: string): Promise<boolean> {
    const claimed = this.db
      .prepare(
        `UPDATE appointments SET patient = json_set(patient, '$.reminder', 'sending')
         WHERE id = ? AND json_extract(patient, '$.reminder') = 'asked'`,
      )
      .run(id);
    return claimed.changes === 1;
  }

  async settleReminder(id: string, outcome: 'sent' | 'failed'): Promise<void> {
    this.db
      .prepare(`UPDATE appointments SET patient = json_set(patient, '$.reminder', ?) WHERE id = ?`)
      .run(outcome, id);
  }

  private select(where: string, ...params: unknown[]): Appointment[] {
    return (
      this.db.prepare(`SELECT * FROM appointments WHERE ${where} ORDER BY starts_at`).all(...params) as Row[]
    ).map(fromRow);
  }
}
