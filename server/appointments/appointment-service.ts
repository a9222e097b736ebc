import { randomUUID } from 'node:crypto';
import type { Specialty } from '../../common/flow/care-pathway';
import {
  EARLY_CHECK_IN_MINUTES,
  LATE_AFTER_MINUTES,
  normaliseBookingCode,
  type AppointmentRefusal,
  type CancelReason,
  type AppointmentTicket,
  type SlotOffer,
  type SlotPlan,
} from '../../common/routing/appointments';
import type { DoctorScope } from '../../common/routing/doctor-scope';
import type { Clock } from '../../common/util/clock';
import type { DoctorInfo } from '../../common/signaling/messages';
import type { Appointment, AppointmentStore } from './appointment-store';
import { CodeAttempts, type CodeAttemptCounter } from './booking-code';
import { parisInstant, parisWall } from './paris-time';
import { cabinSpan, openSlots, planSlots, type Slot } from './slot-calendar';
import { TICKET_VALID_AFTER_START_MS, type TicketTokens } from './ticket-token';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 3600_000;

export interface SlotQuery {
  kioskId: string;
  territory: string;
  specialty: Specialty;
  /** Only this doctor's slots (the patient's own doctor). */
  doctorId?: string;
}

/** What a cancellation needs from the rest of the platform (appointment-cancellation.ts). */
export interface CancellationHooks {
  /** Whether the checked-in patient of this appointment still waits for the doctor (not yet in a call). */
  isWaiting(appointment: Appointment): boolean;
  /** Told once per cancellation: the patient is told (in the waiting room, or by the reminder's channel). */
  cancelled(appointment: Appointment, wasCheckedIn: boolean): void;
}

const NO_CANCELLATION_HOOKS: CancellationHooks = { isWaiting: () => false, cancelled: () => {} };

export type CheckIn =
  { ok: true; appointment: Appointment } | { ok: false; refusal: AppointmentRefusal; appointment?: Appointment };

/**
 * Doctors' slots, bookings, tickets and check-ins (issue 17 items 1–3, 5), on the platform's clock
 * (injected: the e2e runs a 15:00 slot at 14:57 without waiting). The platform is the one judge of
 * time: the kiosk is told whether a check-in is early, on time or late.
 */
export class AppointmentService {
  constructor(
    private readonly store: AppointmentStore,
    private readonly tokens: TicketTokens,
    private readonly clock: Pick<Clock, 'now'>,
    /** Told when a patient lost their slot by coming late (the doctor's console lists it). */
    private readonly onMissed: (appointment: Appointment) => void = () => {},
    private readonly codeAttempts: CodeAttemptCounter = new CodeAttempts(),
    private readonly cancellation: CancellationHooks = NO_CANCELLATION_HOOKS,
  ) {}

  async publishPlan(doctor: DoctorInfo, scope: DoctorScope, plan: SlotPlan): Promise<void> {
    await this.store.savePlan(
      { doctorId: doctor.id, doctorName: doctor.name, doctorRpps: doctor.rpps, scope, plan },
      this.clock.now(),
    );
  }

  async planOf(doctorId: string): Promise<SlotPlan | null> {
    return (await this.store.planOf(doctorId))?.plan ?? null;
  }

  /** The open slots of the next 7 days for this specialty and territory that fit this kiosk's cabin. */
  async slots(query: SlotQuery, limit = 12): Promise<SlotOffer[]> {
    const now = this.clock.now();
    const plans = (await this.store.plans())
      .filter((p) => p.scope.specialties.includes(query.specialty) && p.scope.territories.includes(query.territory))
      .filter((p) => query.doctorId === undefined || p.doctorId === query.doctorId);
    const all = plans.flatMap((p) => planSlots(p, now)).sort((a, b) => a.startsAt - b.startsAt);
    const live = await this.store.live(now - DAY_MS, now + 8 * DAY_MS);
    return openSlots(all, live, query.kioskId).slice(0, limit).map(offer);
  }

  /** The doctor with this RPPS when they publish slots, or null. */
  async doctorByRpps(rpps: string): Promise<{ id: string; name: string } | null> {
    const plan = (await this.store.plans()).find((p) => p.doctorRpps === rpps);
    return plan ? { id: plan.doctorId, name: plan.doctorName } : null;
  }

  /** Books a slot for a patient: refused when it is no longer open (taken, cabin busy, not offered). */
  async book(request: {
    query: SlotQuery;
    doctorId: string;
    startsAt: number;
    patient: unknown;
    bookedBy: Appointment['bookedBy'];
  }): Promise<
    { ok: true; ticket: AppointmentTicket; appointment: Appointment } | { ok: false; refusal: AppointmentRefusal }
  > {
    const now = this.clock.now();
    const stored = await this.store.planOf(request.doctorId);
    const { query } = request;
    const fits =
      stored &&
      stored.scope.specialties.includes(query.specialty) &&
      stored.scope.territories.includes(query.territory);
    const slot: Slot | undefined = fits
      ? planSlots(stored, now).find((s) => s.startsAt === request.startsAt)
      : undefined;
    if (!slot) return { ok: false, refusal: 'slot-taken' };
    const appointment: Appointment = {
      id: randomUUID(),
      doctorId: slot.doctorId,
      doctorName: slot.doctorName,
      kioskId: query.kioskId,
      territory: query.territory,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      specialty: query.specialty,
      status: 'booked',
      bookedBy: request.bookedBy,
      patient: request.patient,
    };
    const [from, to] = cabinSpan(slot);
    const result = await this.store.insertIfCabinFree(appointment, from, to, now);
    if (result !== 'ok') return { ok: false, refusal: result };
    return { ok: true, ticket: this.ticketOf(appointment), appointment };
  }

  ticketOf(a: Appointment): AppointmentTicket {
    const token = this.tokens.sign({
      appointmentId: a.id,
      kioskId: a.kioskId,
      expiresAt: a.startsAt + TICKET_VALID_AFTER_START_MS,
    });
    return {
      appointmentId: a.id,
      doctorName: a.doctorName,
      startsAt: new Date(a.startsAt).toISOString(),
      token,
      code: this.tokens.codeOf(a.id),
    };
  }

  /**
   * A ticket shown at a kiosk: the appointment when it is this kiosk's, live, and the time is right
   * (from 30 minutes before to 10 minutes after the start). Later, the slot is lost (marked missed,
   * the doctor told) and the refusal says `late`: the kiosk offers the live queue.
   */
  async checkIn(token: string, kioskId: string): Promise<CheckIn> {
    const claims = this.tokens.verify(token);
    if (!claims) return { ok: false, refusal: 'ticket-invalid' };
    const now = this.clock.now();
    if (claims.expiresAt < now) return { ok: false, refusal: 'ticket-expired' };
    if (claims.kioskId !== kioskId) return { ok: false, refusal: 'other-pharmacy' };
    const appointment = await this.store.get(claims.appointmentId);
    if (!appointment) return { ok: false, refusal: 'ticket-invalid' };
    return this.arrive(appointment, now);
  }

  /** The same as a ticket, for a patient who inserts the Carte Vitale: their booking at this kiosk today. */
  async checkInByNir(nir: string, kioskId: string): Promise<CheckIn> {
    const now = this.clock.now();
    const mine = (await this.store.ofKiosk(kioskId, now - DAY_MS, now + DAY_MS)).filter(
      (a) => (a.status === 'booked' || a.status === 'missed') && nirOf(a.patient) === nir,
    );
    const next = mine.find((a) => a.status === 'booked') ?? mine.at(-1);
    return next ? this.arrive(next, now) : { ok: false, refusal: 'no-booking' };
  }

  /**
   * The booking's short code typed at the kiosk (a phone booking has no identity to find it by):
   * a live or lost booking of this kiosk around today whose code it is. Too many wrong codes at a
   * kiosk and it is refused for a while (`too-many-tries`), right or wrong.
   */
  async checkInByCode(typed: string, kioskId: string): Promise<CheckIn> {
    const now = this.clock.now();
    if (await this.codeAttempts.blocked(kioskId, now)) return { ok: false, refusal: 'too-many-tries' };
    const code = normaliseBookingCode(typed);
    const found = (await this.store.ofKiosk(kioskId, now - DAY_MS, now + DAY_MS))
      .filter((a) => a.status === 'booked' || a.status === 'missed')
      .find((a) => this.tokens.codeOf(a.id) === code);
    if (found) return this.arrive(found, now);
    await this.codeAttempts.failed(kioskId, now);
    return { ok: false, refusal: 'no-booking' };
  }

  private async arrive(appointment: Appointment, now: number): Promise<CheckIn> {
    if (appointment.status === 'cancelled') return { ok: false, refusal: 'cancelled', appointment };
    if (appointment.status === 'missed') return { ok: false, refusal: 'late', appointment };
    if (appointment.status === 'checked-in') return { ok: true, appointment };
    if (now < appointment.startsAt - EARLY_CHECK_IN_MINUTES * MINUTE_MS)
      return { ok: false, refusal: 'too-early', appointment };
    if (now > appointment.startsAt + LATE_AFTER_MINUTES * MINUTE_MS) {
      await this.store.setStatus(appointment.id, 'missed', now);
      const missed = { ...appointment, status: 'missed' as const };
      this.onMissed(missed);
      return { ok: false, refusal: 'late', appointment: missed };
    }
    await this.store.setStatus(appointment.id, 'checked-in', now);
    return { ok: true, appointment: { ...appointment, status: 'checked-in' } };
  }

  /**
   * The doctor cancels one of their appointments, booked or checked in and still waiting, with a
   * reason: the patient is told (in the waiting room, else by the reminder's channel), and the
   * ticket says so at the kiosk. A slot lost, seen, over or already cancelled is not cancelled.
   */
  async cancel(doctorId: string, appointmentId: string, reason: CancelReason): Promise<boolean> {
    const now = this.clock.now();
    const stored = await this.store.get(appointmentId);
    if (!stored || stored.doctorId !== doctorId) return false;
    const a = this.seen(stored, now);
    // A checked-in patient whose consultation began (or ended) has been seen: nothing to cancel.
    const live = a.status === 'booked' || (a.status === 'checked-in' && this.cancellation.isWaiting(a));
    if (!live) return false;
    const cancelled = await this.store.cancel(a.id, reason, now);
    if (cancelled) this.cancellation.cancelled(cancelled, a.status === 'checked-in');
    return cancelled !== null;
  }

  /**
   * The doctor cancels the rest of their day (France's): every appointment of theirs still to come
   * today or waiting, each as `cancel` does (the patients told). How many were cancelled.
   */
  async cancelRestOfDay(doctorId: string, reason: CancelReason): Promise<number> {
    const now = this.clock.now();
    const today = parisWall(now);
    const midnight = parisInstant(today.year, today.month, today.day + 1, 0, 0);
    const mine = await this.store.ofDoctor(doctorId, now - LATE_AFTER_MINUTES * MINUTE_MS, midnight);
    let cancelled = 0;
    for (const a of mine) if (await this.cancel(doctorId, a.id, reason)) cancelled++;
    return cancelled;
  }

  /** A checked-in appointment of this kiosk, by id (the queue joins the booked doctor's room with it). */
  async checkedIn(appointmentId: string, kioskId: string): Promise<Appointment | null> {
    const a = await this.store.get(appointmentId);
    return a && a.kioskId === kioskId && a.status === 'checked-in' ? a : null;
  }

  /** A doctor's appointments from today (France) for 7 days, a booking still open past 10 minutes shown missed. */
  async ofDoctor(doctorId: string): Promise<Appointment[]> {
    const now = this.clock.now();
    return (await this.store.ofDoctor(doctorId, now - DAY_MS, now + 8 * DAY_MS)).map((a) => this.seen(a, now));
  }

  /** A kiosk's appointments in [from, to) (the pharmacy's day on the portal). */
  async ofKiosk(kioskId: string, from: number, to: number): Promise<Appointment[]> {
    const now = this.clock.now();
    return (await this.store.ofKiosk(kioskId, from, to)).map((a) => this.seen(a, now));
  }

  now(): number {
    return this.clock.now();
  }

  private seen(a: Appointment, now: number): Appointment {
    return a.status === 'booked' && now > a.startsAt + LATE_AFTER_MINUTES * MINUTE_MS ? { ...a, status: 'missed' } : a;
  }
}

function offer(slot: Slot): SlotOffer {
  return {
    doctorId: slot.doctorId,
    doctorName: slot.doctorName,
    startsAt: new Date(slot.startsAt).toISOString(),
    endsAt: new Date(slot.endsAt).toISOString(),
  };
}

function nirOf(patient: unknown): string | null {
  const identity = (patient as { identity?: { nir?: unknown } } | null)?.identity;
  return typeof identity?.nir === 'string' ? identity.nir : null;
}
