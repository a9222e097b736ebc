import type { BookingEnded } from '../../common/routing/appointments';
import type { DoctorScope } from '../../common/routing/doctor-scope';
import type { QueueWait } from '../../common/routing/queue-wait';
import type { DoctorInfo, QueueItem } from '../../common/signaling/messages';
import type { Clock } from '../../common/util/clock';
import { canTake, type Routed } from '../queue/routing';
import { WaitEstimator, type DoctorOnDuty } from '../queue/wait-estimate';
import type { Consultation, DoctorLink } from './consultation';
import type { ConsultationBook } from './consultation-book';
import { QueueSnapshot } from './queue-snapshot';
import { sexOf } from './prescription-patient';

/** The pharmacy a kiosk belongs to and its town, as the doctors' queue names them (null: none known). */
export type KioskPlaceOf = (kioskId: string) => { pharmacy: string; town: string | null } | null;

/** What the call center takes to name each kiosk's place in the doctors' queue. */
export interface QueuePlaces {
  /** Each kiosk's pharmacy and town (the pharmacy directory); default none. */
  placeOf?: KioskPlaceOf;
}

/** Consultation lengths and pick-up delays kept for the estimate (the newest ones). */
const KEPT_SAMPLES = 100;
/**
 * How long a snapshot of places and estimates serves the joins of one turn of the event loop: the
 * estimates are told in minutes, so a second changes none of them (a manual clock moved further in
 * one turn, as tests do, rebuilds it).
 */
const SNAPSHOT_MS = 1000;

export interface Wait {
  /** 1-based place in the patient's queue (same specialty and territory). */
  position: number;
  wait: QueueWait;
}

/** A doctor's console as the board sees it: who, which patients they may take, on duty or not. */
export interface DoctorPresence {
  doctor: DoctorInfo;
  scope: DoctorScope | null;
  /** The session the console speaks for: its duty is the session's (DoctorSessions). */
  token: string;
  onDuty: boolean;
}

/**
 * The live queue as people see it: the doctors connected and on duty, each waiting patient's
 * position and honest wait in their queue (specialty and territory), each doctor's list of the
 * patients they may take, and pushing changes to both.
 */
export class QueueBoard {
  private readonly doctors = new Map<DoctorLink, DoctorPresence>();
  private readonly subscribers = new Set<DoctorLink>();
  /** The list each console was last sent (serialised), so an unchanged one is not sent again. */
  private readonly lastList = new WeakMap<DoctorLink, string>();
  private readonly recentDurationsSeconds: number[] = [];
  private readonly recentPickupSeconds: number[] = [];
  /** Doctor id → when they last became able to take a patient (went on duty, ended a call). */
  private readonly availableSince = new Map<string, number>();
  private publishQueued = false;
  /** Places and estimates for this turn of the event loop (queue-snapshot.ts); every change the board sees drops it. */
  private snapshot: QueueSnapshot | null = null;
  private snapshotAt = 0;

  constructor(
    private readonly book: ConsultationBook,
    private readonly clock: Clock,
    /** Told after every publish: the queue or a call changed (the pharmacy portals' cabins follow it). */
    private readonly onPublished: () => void = () => {},
    /** Consultations kept in the queue whose patient left the cabin (away-places.ts): no doctor sees them. */
    private readonly isAway: (c: Consultation) => boolean = () => false,
    /** Where each kiosk is (server/pharmacy/pharmacy-directory.ts), read at every publish: a rename shows. */
    private readonly placeOf: KioskPlaceOf = () => null,
  ) {}

  doctorOnline(link: DoctorLink, presence: DoctorPresence): void {
    this.snapshot = null;
    if (presence.onDuty && !this.isOnDuty(presence.doctor.id))
      this.availableSince.set(presence.doctor.id, this.clock.now());
    this.doctors.set(link, presence);
  }

  /** A console closed: the doctor it spoke for (null for a console the board did not know). */
  doctorOffline(link: DoctorLink): string | null {
    this.snapshot = null;
    const doctorId = this.doctors.get(link)?.doctor.id ?? null;
    this.doctors.delete(link);
    this.subscribers.delete(link);
    return doctorId;
  }

  /** Every console of this session goes on or off duty. */
  setOnDuty(token: string, onDuty: boolean): void {
    this.snapshot = null;
    for (const presence of this.doctors.values()) {
      if (presence.token !== token) continue;
      if (onDuty && !this.isOnDuty(presence.doctor.id)) this.availableSince.set(presence.doctor.id, this.clock.now());
      presence.onDuty = onDuty;
    }
  }

  /** Sends this console every change of its list from now on. */
  subscribe(link: DoctorLink): void {
    this.subscribers.add(link);
    // A (re)subscription gets the list at the next publish even if it has not changed.
    this.lastList.delete(link);
  }

  /** The patients this console's doctor may take; empty for a console the board does not know. */
  scopeOf(link: DoctorLink): DoctorScope | null {
    return this.doctors.get(link)?.scope ?? null;
  }

  /** Doctors with a console connected (distinct accounts). */
  doctorsOnline(): number {
    return new Set([...this.doctors.values()].map((p) => p.doctor.id)).size;
  }

  /** Doctors connected and on duty (distinct accounts). */
  doctorsOnDuty(): number {
    return this.onDuty().length;
  }

  /** Every waiting patient, longest-waiting first, each with their place in their own queue. */
  items(): QueueItem[] {
    const snapshot = this.current();
    const waiting = this.book.waiting();
    // An away patient keeps their place (counted in the positions) but cannot be taken.
    return waiting
      .filter((c) => !this.isAway(c))
      .map((c) => ({
        consultationId: c.id,
        kioskId: c.kioskId,
        ageYears: c.queueEntry.ageYears,
        sex: c.identity ? sexOf(c.identity) : null,
        pharmacy: this.placeOf(c.kioskId)?.pharmacy ?? null,
        town: this.placeOf(c.kioskId)?.town ?? null,
        specialty: c.queueEntry.specialty,
        territory: c.queueEntry.territory,
        reason: c.queueEntry.reason,
        bookedDoctorId: c.bookedDoctorId,
        appointmentAt: c.appointmentAt === null ? null : new Date(c.appointmentAt).toISOString(),
        waitingSince: new Date(c.joinedAt).toISOString(),
        position: snapshot.positionOf(c.id),
        kioskConnected: c.kiosk !== null,
      }));
  }

  /** The list a doctor sees: only the patients they may take (from `items`, computed once per publish). */
  itemsFor(link: DoctorLink, items: QueueItem[] = this.items()): QueueItem[] {
    const scope = this.scopeOf(link);
    const doctorId = this.doctors.get(link)?.doctor.id;
    return items.filter((item) => canTake(scope, item, doctorId));
  }

  /**
   * The patient at the head of each queue (specialty and territory), longest-waiting first: the
   * ones a doctor takes next (their call is prepared while they wait, prepared-rooms.ts).
   */
  heads(): Consultation[] {
    const snapshot = this.current();
    return this.book.waiting().filter((c) => snapshot.positionOf(c.id) === 1);
  }

  /** A consultation length (also used by tests to seed the estimate). */
  recordDuration(seconds: number): void {
    this.snapshot = null;
    keep(this.recentDurationsSeconds, seconds);
  }

  /**
   * A doctor accepted: how long the patient waited for a doctor who could take them. Counted only
   * for a doctor on duty (an off-duty doctor's accept says nothing of the time an on-duty one takes).
   */
  recordAccept(c: Consultation, doctorId: string, acceptedAt: number): void {
    if (!this.isOnDuty(doctorId)) return;
    this.snapshot = null;
    const since = Math.max(c.joinedAt, this.availableSince.get(doctorId) ?? c.joinedAt);
    keep(this.recentPickupSeconds, (acceptedAt - since) / 1000);
  }

  /** A doctor's call ended: from now they can take the next patient (the pick-up starts). */
  callEnded(doctorId: string): void {
    this.snapshot = null;
    this.availableSince.set(doctorId, this.clock.now());
  }

  /** Where a waiting consultation stands and what its patient may be told. */
  waitFor(c: Consultation): Wait {
    let snapshot = this.current();
    // A patient who just joined extends this turn's snapshot; anything else it does not hold is rebuilt.
    if (!snapshot.has(c) && !snapshot.append(c)) snapshot = this.current(true);
    return { position: snapshot.positionOf(c.id), wait: snapshot.waitOf(c.id) };
  }

  /**
   * The wait a kiosk is about to be told in a response (join, rejoin): remembered so the next
   * publish sends it only if it changed.
   */
  waitToAnswer(c: Consultation): Wait {
    const wait = this.waitFor(c);
    c.lastQueueUpdate = JSON.stringify(wait);
    return wait;
  }

  /**
   * A doctor is accepting this patient (the room opens next): the one moment the kiosk may say a
   * doctor is about to take them. Should the accept fail, the next publish sends the estimate again.
   */
  announceAccepting(c: Consultation, position: number): void {
    const update: Wait = { position, wait: { kind: 'doctor-coming' } };
    c.lastQueueUpdate = JSON.stringify(update);
    c.kiosk?.send({ type: 'queue-updated', consultationId: c.id, ...update });
  }

  /**
   * A publish at the end of this turn of the event loop: a burst of changes (many joins, a restore)
   * makes one publish, not one each — each publish walks the whole queue.
   */
  publishSoon(): void {
    if (this.publishQueued) return;
    this.publishQueued = true;
    queueMicrotask(() => {
      this.publishQueued = false;
      this.publish();
    });
  }

  /** Pushes each subscribed doctor their list and each waiting kiosk its changed position or wait. */
  publish(): void {
    const doctorsOnDuty = this.doctorsOnDuty();
    const snapshot = this.current(true);
    const items = this.items();
    for (const link of this.subscribers) {
      const entries = this.itemsFor(link, items);
      // A change in one queue leaves the lists of consoles following others as they were: at
      // 10,000 waiting, resending every list on every change was most of the bytes on the wire.
      const key = JSON.stringify([doctorsOnDuty, entries]);
      if (this.lastList.get(link) === key) continue;
      this.lastList.set(link, key);
      link.send({ type: 'queue-list', entries, doctorsOnDuty });
    }
    for (const c of this.book.waiting()) {
      if (!c.kiosk) continue;
      const update: Wait & { bookingEnded?: BookingEnded } = {
        position: snapshot.positionOf(c.id),
        wait: snapshot.waitOf(c.id),
        // An appointment that ended in the waiting room: said with the live queue's wait (booked-release.ts).
        ...(c.bookingEnded && { bookingEnded: c.bookingEnded }),
      };
      const key = JSON.stringify(update);
      if (key === c.lastQueueUpdate) continue;
      c.lastQueueUpdate = key;
      c.kiosk.send({ type: 'queue-updated', consultationId: c.id, ...update });
    }
    this.onPublished();
  }

  /**
   * The wait a patient joining this queue now would be told (issue 17: the "now" choice beside the
   * slots): the same estimate, with them last in the queue.
   */
  estimateForNewcomer(routed: Routed): QueueWait {
    return this.current().newcomer(routed);
  }

  /** This turn's snapshot of the queue, built anew when `rebuild` or when the turn has none yet. */
  private current(rebuild = false): QueueSnapshot {
    const now = this.clock.now();
    if (this.snapshot && !rebuild && now - this.snapshotAt < SNAPSHOT_MS) return this.snapshot;
    const snapshot = new QueueSnapshot(this.estimator(), this.book.waiting());
    this.snapshotAt = now;
    this.snapshot = snapshot;
    // Kept only for this turn: time passes, and later changes publish (which rebuilds).
    queueMicrotask(() => {
      if (this.snapshot === snapshot) this.snapshot = null;
    });
    return snapshot;
  }

  private estimator(): WaitEstimator {
    const now = this.clock.now();
    const inCall = this.book.inCall();
    // Off duty for the live queue, a doctor connected still takes the patients booked with them.
    const doctors: DoctorOnDuty[] = this.online().map((presence) => {
      const call = inCall.find((c) => c.doctor?.id === presence.doctor.id && c.acceptedAt !== null);
      return {
        id: presence.doctor.id,
        scope: presence.scope,
        busyElapsedSeconds: call ? (now - call.acceptedAt!) / 1000 : null,
        onDuty: presence.onDuty,
      };
    });
    return new WaitEstimator(doctors, {
      recentDurationsSeconds: this.recentDurationsSeconds,
      recentPickupSeconds: this.recentPickupSeconds,
    });
  }

  /** One presence per doctor on duty (a doctor with two consoles open counts once). */
  private onDuty(): DoctorPresence[] {
    return this.online().filter((p) => p.onDuty);
  }

  /** One presence per doctor connected, an on-duty console first (a doctor with two consoles counts once). */
  private online(): DoctorPresence[] {
    const byDoctor = new Map<string, DoctorPresence>();
    for (const presence of this.doctors.values())
      if (presence.onDuty || !byDoctor.has(presence.doctor.id)) byDoctor.set(presence.doctor.id, presence);
    return [...byDoctor.values()];
  }

  /** Whether this doctor has a console connected (on duty or not). */
  isOnline(doctorId: string): boolean {
    return [...this.doctors.values()].some((p) => p.doctor.id === doctorId);
  }

  private isOnDuty(doctorId: string): boolean {
    return [...this.doctors.values()].some((p) => p.onDuty && p.doctor.id === doctorId);
  }
}

function keep(samples: number[], value: number): void {
  samples.push(value);
  if (samples.length > KEPT_SAMPLES) samples.shift();
}
