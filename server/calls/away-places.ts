import type { CallbackStatus } from '../../common/pharmacy/callbacks';
import type { Clock } from '../../common/util/clock';
import { createLogger } from '../../common/util/logger';
import type { Consultation } from './consultation';
import type { ConsultationBook } from './consultation-book';
import type { QueueBoard } from './queue-board';
import { SignalFailure } from './signal-failure';

const log = createLogger('platform:callbacks');

/** Default hold of a called-back place (PLATFORM_CALLBACK_HOLD_MINUTES). */
export const DEFAULT_CALLBACK_HOLD_MS = 10 * 60_000;
/**
 * The patient is called back when they would be next and the honest estimate (QueueWait) is at
 * most this: a free doctor on duty gives the pick-up time (2 min by default), a busy one the rest
 * of their call. Long enough for a patient in the shop or nearby to come back.
 */
export const CALLBACK_LEAD_MINUTES = 5;
/** Released and cancelled places stay on the portals this long, so every portal learns of them. */
const ENDED_SHOWN_MS = 30 * 60_000;

/** A place kept for a patient who left the cabin (one per consultation). */
export interface AwayPlace {
  ticket: number;
  consultationId: string;
  kioskId: string;
  phone: string | null;
  since: number;
  status: CallbackStatus;
  heldUntil: number | null;
}

export interface AwayPlacesOptions {
  clock: Clock;
  holdMs: number;
  /** The call center's queue; `finish` ends a consultation whose place is released or cancelled. */
  queue: { book: ConsultationBook; board(): QueueBoard; finish(c: Consultation): void };
  /** A place changed (the portals' boards follow). */
  changed(): void;
}

/**
 * The places kept for patients who left the cabin with a ticket: when to call them back, the hold
 * that follows, the pharmacist bringing them back or cancelling. The consultation itself stays in
 * the queue (call-center.ts) with no kiosk; doctors do not see it until the patient is back.
 */
export class AwayPlaces {
  private readonly places = new Map<string, AwayPlace>();
  private readonly timers = new Map<string, unknown>();
  private ended: AwayPlace[] = [];
  private nextTicket = 1;

  constructor(private readonly options: AwayPlacesOptions) {}

  /** The waiting patient leaves the cabin: the consultation loses its kiosk and keeps its place. */
  stepAway(c: Consultation, phone: string | null): AwayPlace {
    if (c.state !== 'waiting' || this.places.has(c.id))
      throw new SignalFailure('conflict', 'only a patient waiting in the cabin may leave keeping their place');
    c.kiosk = null;
    const place = this.add(c.id, c.kioskId, phone);
    this.options.queue.board().publish();
    return place;
  }

  private add(consultationId: string, kioskId: string, phone: string | null): AwayPlace {
    const ticket = this.nextTicket;
    // Three digits are enough to call out at the counter; the numbers go round.
    this.nextTicket = (this.nextTicket % 999) + 1;
    const place: AwayPlace = {
      ticket,
      consultationId,
      kioskId,
      phone,
      since: this.options.clock.now(),
      status: 'away',
      heldUntil: null,
    };
    this.places.set(consultationId, place);
    log.info(`consultation ${consultationId}: left the cabin with ticket ${ticket}`);
    return place;
  }

  get holdMinutes(): number {
    return Math.max(1, Math.round(this.options.holdMs / 60_000));
  }

  isAway(consultationId: string): boolean {
    return this.places.has(consultationId);
  }

  /**
   * After every publish: a place whose patient would be next (first of their queue) with a doctor
   * about to be free for them turns to call-now, and its hold starts.
   */
  review(): void {
    let changed = false;
    for (const place of this.places.values()) {
      const c = this.options.queue.book.get(place.consultationId);
      if (place.status !== 'away' || c?.state !== 'waiting') continue;
      const wait = this.options.queue.board().waitFor(c);
      if (wait.position !== 1 || wait.wait.kind !== 'estimate') continue;
      if (wait.wait.minutes > CALLBACK_LEAD_MINUTES) continue;
      this.hold(place, 'call-now');
      log.info(`ticket ${place.ticket}: a doctor is about to be free, call the patient back`);
      changed = true;
    }
    if (changed) this.options.changed();
  }

  /** The pharmacist brought the patient back: the next session at that cabin takes the place. */
  resume(ticket: number, mayAct: (kioskId: string) => boolean): AwayPlace {
    const place = this.find(ticket, mayAct);
    this.hold(place, 'resuming');
    this.options.changed();
    return place;
  }

  /** The pharmacist cancelled the place (the patient will not come back). */
  cancel(ticket: number, mayAct: (kioskId: string) => boolean): AwayPlace {
    const place = this.find(ticket, mayAct);
    this.end(place, 'cancelled');
    return place;
  }

  /**
   * A session joining at this cabin while a place is resuming there takes it: the kept
   * consultation ends and the new one keeps its time in the queue.
   */
  takeResuming(kioskId: string): { ticket: number; joinedAt: number } | null {
    const place = [...this.places.values()].find((p) => p.kioskId === kioskId && p.status === 'resuming');
    const kept = place && this.options.queue.book.get(place.consultationId);
    if (!place || !kept) return null;
    this.forget(place.consultationId);
    this.options.queue.finish(kept);
    log.info(`ticket ${place.ticket}: the patient is back in the cabin`);
    return { ticket: place.ticket, joinedAt: kept.joinedAt };
  }

  /** The consultation ended another way: its place and its timer go. */
  forget(consultationId: string): void {
    this.clearTimer(consultationId);
    this.places.delete(consultationId);
  }

  /** Places kept now, then those released or cancelled in the last 30 minutes, by ticket age. */
  list(): AwayPlace[] {
    const now = this.options.clock.now();
    this.ended = this.ended.filter((p) => now - (p.heldUntil ?? p.since) < ENDED_SHOWN_MS);
    return [...this.places.values(), ...this.ended].sort((a, b) => a.since - b.since);
  }

  /** The places kept now (not the ended ones): what the queue's journal stores (queue-journal.ts). */
  held(): AwayPlace[] {
    return [...this.places.values()];
  }

  /**
   * After a restart, the places stored before it (their consultations already back in the queue): a
   * hold still running is re-armed for what remains of it, one that ran out meanwhile ends now.
   */
  restore(places: readonly AwayPlace[]): void {
    const now = this.options.clock.now();
    for (const place of [...places].sort((a, b) => a.since - b.since)) {
      this.places.set(place.consultationId, { ...place });
      // The next ticket follows the newest one kept, as it would have without the restart.
      this.nextTicket = (place.ticket % 999) + 1;
    }
    for (const place of this.places.values()) {
      if (place.status === 'away' || place.heldUntil === null) continue;
      if (place.heldUntil <= now) this.end(place, 'released');
      else this.armHold(place, place.heldUntil - now);
    }
  }

  close(): void {
    for (const id of [...this.timers.keys()]) this.clearTimer(id);
  }

  private find(ticket: number, mayAct: (kioskId: string) => boolean): AwayPlace {
    const place = [...this.places.values()].find((p) => p.ticket === ticket);
    // Another pharmacy's ticket reads as unknown: its existence is none of this portal's business.
    if (!place || !mayAct(place.kioskId)) throw new SignalFailure('not-found', `no place kept for ticket ${ticket}`);
    return place;
  }

  private hold(place: AwayPlace, status: 'call-now' | 'resuming') {
    this.clearTimer(place.consultationId);
    place.status = status;
    place.heldUntil = this.options.clock.now() + this.options.holdMs;
    this.armHold(place, this.options.holdMs);
  }

  private armHold(place: AwayPlace, ms: number) {
    const timer = this.options.clock.setTimeout(() => {
      log.info(`ticket ${place.ticket}: hold over, place released`);
      this.end(place, 'released');
    }, ms);
    (timer as { unref?: () => void } | null)?.unref?.();
    this.timers.set(place.consultationId, timer);
  }

  private end(place: AwayPlace, status: 'released' | 'cancelled') {
    this.forget(place.consultationId);
    this.ended.push({ ...place, status, heldUntil: this.options.clock.now() });
    const c = this.options.queue.book.get(place.consultationId);
    if (c) this.options.queue.finish(c);
    this.options.changed();
  }

  private clearTimer(consultationId: string) {
    const timer = this.timers.get(consultationId);
    if (timer !== undefined) this.options.clock.clearTimeout(timer);
    this.timers.delete(consultationId);
  }
}
