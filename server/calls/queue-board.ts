import type { DoctorScope } from '../../common/routing/doctor-scope';
import type { QueueWait } from '../../common/routing/queue-wait';
import type { DoctorInfo, QueueItem } from '../../common/signaling/messages';
import type { Clock } from '../../common/util/clock';
import { canTake, sameQueue, type Routed } from '../queue/routing';
import { estimateWaits, type DoctorOnDuty, type WaitingPatient } from '../queue/wait-estimate';
import { routedOf } from './booked-entry';
import type { Consultation, DoctorLink } from './consultation';
import type { ConsultationBook } from './consultation-book';
import { sexOfNir } from './prescription-patient';

/** The pharmacy a kiosk belongs to and its town, as the doctors' queue names them (null: none known). */
export type KioskPlaceOf = (kioskId: string) => { pharmacy: string; town: string | null } | null;

/** What the call center takes to name each kiosk's place in the doctors' queue. */
export interface QueuePlaces {
  /** Each kiosk's pharmacy and town (the pharmacy directory); default none. */
  placeOf?: KioskPlaceOf;
}

/** Consultation lengths and pick-up delays kept for the estimate (the newest ones). */
const KEPT_SAMPLES = 100;

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
  private readonly recentDurationsSeconds: number[] = [];
  private readonly recentPickupSeconds: number[] = [];
  /** Doctor id → when they last became able to take a patient (went on duty, ended a call). */
  private readonly availableSince = new Map<string, number>();

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
    if (presence.onDuty && !this.isOnDuty(presence.doctor.id))
      this.availableSince.set(presence.doctor.id, this.clock.now());
    this.doctors.set(link, presence);
  }

  doctorOffline(link: DoctorLink): void {
    this.doctors.delete(link);
    this.subscribers.delete(link);
  }

  /** Every console of this session goes on or off duty. */
  setOnDuty(token: string, onDuty: boolean): void {
    for (const presence of this.doctors.values()) {
      if (presence.token !== token) continue;
      if (onDuty && !this.isOnDuty(presence.doctor.id)) this.availableSince.set(presence.doctor.id, this.clock.now());
      presence.onDuty = onDuty;
    }
  }

  /** Sends this console every change of its list from now on. */
  subscribe(link: DoctorLink): void {
    this.subscribers.add(link);
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
    const waiting = this.book.waiting();
    // An away patient keeps their place (counted in the positions) but cannot be taken.
    return waiting
      .filter((c) => !this.isAway(c))
      .map((c) => ({
        consultationId: c.id,
        kioskId: c.kioskId,
        ageYears: c.queueEntry.ageYears,
        sex: c.identity ? sexOfNir(c.identity.nir) : null,
        pharmacy: this.placeOf(c.kioskId)?.pharmacy ?? null,
        town: this.placeOf(c.kioskId)?.town ?? null,
        specialty: c.queueEntry.specialty,
        territory: c.queueEntry.territory,
        reason: c.queueEntry.reason,
        bookedDoctorId: c.bookedDoctorId,
        appointmentAt: c.appointmentAt === null ? null : new Date(c.appointmentAt).toISOString(),
        waitingSince: new Date(c.joinedAt).toISOString(),
        position: positionIn(waiting, c),
        kioskConnected: c.kiosk !== null,
      }));
  }

  /** The list a doctor sees: only the patients they may take. */
  itemsFor(link: DoctorLink): QueueItem[] {
    const scope = this.scopeOf(link);
    const doctorId = this.doctors.get(link)?.doctor.id;
    return this.items().filter((item) => canTake(scope, item, doctorId));
  }

  /** A consultation length (also used by tests to seed the estimate). */
  recordDuration(seconds: number): void {
    keep(this.recentDurationsSeconds, seconds);
  }

  /**
   * A doctor accepted: how long the patient waited for a doctor who could take them. Counted only
   * for a doctor on duty (an off-duty doctor's accept says nothing of the time an on-duty one takes).
   */
  recordAccept(c: Consultation, doctorId: string, acceptedAt: number): void {
    if (!this.isOnDuty(doctorId)) return;
    const since = Math.max(c.joinedAt, this.availableSince.get(doctorId) ?? c.joinedAt);
    keep(this.recentPickupSeconds, (acceptedAt - since) / 1000);
  }

  /** A doctor's call ended: from now they can take the next patient (the pick-up starts). */
  callEnded(doctorId: string): void {
    this.availableSince.set(doctorId, this.clock.now());
  }

  /** Where a waiting consultation stands and what its patient may be told. */
  waitFor(c: Consultation): Wait {
    const waiting = this.book.waiting();
    return { position: positionIn(waiting, c), wait: this.estimates(waiting).get(c.id) ?? { kind: 'no-doctor' } };
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

  /** Pushes each subscribed doctor their list and each waiting kiosk its changed position or wait. */
  publish(): void {
    const doctorsOnDuty = this.doctorsOnDuty();
    for (const link of this.subscribers) link.send({ type: 'queue-list', entries: this.itemsFor(link), doctorsOnDuty });
    const waiting = this.book.waiting();
    const estimates = this.estimates(waiting);
    for (const c of waiting) {
      if (!c.kiosk) continue;
      const update: Wait = { position: positionIn(waiting, c), wait: estimates.get(c.id) ?? { kind: 'no-doctor' } };
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
    const id = '\u0000newcomer';
    return this.estimates(this.book.waiting(), [{ id, ...routed }]).get(id) ?? { kind: 'no-doctor' };
  }

  private estimates(waiting: Consultation[], newcomers: WaitingPatient[] = []): Map<string, QueueWait> {
    const now = this.clock.now();
    const inCall = this.book.inCall();
    const doctors: DoctorOnDuty[] = this.onDuty().map((presence) => {
      const call = inCall.find((c) => c.doctor?.id === presence.doctor.id && c.acceptedAt !== null);
      return {
        id: presence.doctor.id,
        scope: presence.scope,
        busyElapsedSeconds: call ? (now - call.acceptedAt!) / 1000 : null,
      };
    });
    const patients: WaitingPatient[] = waiting.map((c) => ({ id: c.id, ...routedOf(c) }));
    return estimateWaits(patients.concat(newcomers), doctors, {
      recentDurationsSeconds: this.recentDurationsSeconds,
      recentPickupSeconds: this.recentPickupSeconds,
    });
  }

  /** One presence per doctor on duty (a doctor with two consoles open counts once). */
  private onDuty(): DoctorPresence[] {
    const byDoctor = new Map<string, DoctorPresence>();
    for (const presence of this.doctors.values()) if (presence.onDuty) byDoctor.set(presence.doctor.id, presence);
    return [...byDoctor.values()];
  }

  private isOnDuty(doctorId: string): boolean {
    return [...this.doctors.values()].some((p) => p.onDuty && p.doctor.id === doctorId);
  }
}

/** 1-based place of a waiting consultation among those of its own queue (specialty and territory). */
function positionIn(waiting: readonly Consultation[], c: Consultation): number {
  const queue = waiting.filter((other) => sameQueue(other.queueEntry, c.queueEntry));
  return queue.indexOf(c) + 1;
}

function keep(samples: number[], value: number): void {
  samples.push(value);
  if (samples.length > KEPT_SAMPLES) samples.shift();
}
