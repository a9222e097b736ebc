import type { DoctorInfo, QueueItem } from '../../common/signaling/messages';
import type { Clock } from '../../common/util/clock';
import { estimateWaitMinutes } from '../queue/wait-estimate';
import type { Consultation, DoctorLink } from './consultation';
import type { ConsultationBook } from './consultation-book';

/** Consultation lengths kept for the estimate (the newest ones). */
const KEPT_DURATIONS = 100;

export interface Wait {
  position: number;
  estimatedWaitMinutes: number;
  doctorsOnline: number;
}

/**
 * The waiting queue as people see it: the doctors online, each waiting patient's position and
 * honest estimate, the list on the doctors' consoles, and pushing changes to both.
 */
export class QueueBoard {
  private readonly doctors = new Map<DoctorLink, DoctorInfo>();
  private readonly subscribers = new Set<DoctorLink>();
  private readonly recentDurationsSeconds: number[] = [];

  constructor(
    private readonly book: ConsultationBook,
    private readonly clock: Clock,
  ) {}

  doctorOnline(link: DoctorLink, doctor: DoctorInfo): void {
    this.doctors.set(link, doctor);
  }

  doctorOffline(link: DoctorLink): void {
    this.doctors.delete(link);
    this.subscribers.delete(link);
  }

  /** Sends this console every change of the queue from now on. */
  subscribe(link: DoctorLink): void {
    this.subscribers.add(link);
  }

  /** Doctors with a console connected (distinct accounts). */
  doctorsOnline(): number {
    return this.onlineIds().size;
  }

  items(): QueueItem[] {
    return this.book.waiting().map((c, index) => ({
      consultationId: c.id,
      kioskId: c.kioskId,
      ageYears: c.queueEntry.ageYears,
      specialty: c.queueEntry.specialty,
      reason: c.queueEntry.reason,
      waitingSince: new Date(c.joinedAt).toISOString(),
      position: index + 1,
      kioskConnected: c.kiosk !== null,
    }));
  }

  /** A consultation length (also used by tests to seed the estimate). */
  recordDuration(seconds: number): void {
    this.recentDurationsSeconds.push(seconds);
    if (this.recentDurationsSeconds.length > KEPT_DURATIONS) this.recentDurationsSeconds.shift();
  }

  /** Where a waiting consultation stands and how long it should wait. */
  waitFor(c: Consultation): Wait {
    const position = this.book.waiting().indexOf(c) + 1;
    const online = this.onlineIds();
    const now = this.clock.now();
    const busyElapsedSeconds = this.book
      .inCall()
      .filter((x) => x.doctor && online.has(x.doctor.id) && x.acceptedAt !== null)
      .map((x) => (now - x.acceptedAt!) / 1000);
    const estimatedWaitMinutes = estimateWaitMinutes({
      position,
      doctorsOnline: online.size,
      busyElapsedSeconds,
      recentDurationsSeconds: this.recentDurationsSeconds,
    });
    return { position, estimatedWaitMinutes, doctorsOnline: online.size };
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

  /** Pushes the queue to subscribed doctors and each waiting kiosk its changed position/estimate. */
  publish(): void {
    const entries = this.items();
    const doctorsOnline = this.doctorsOnline();
    for (const link of this.subscribers) link.send({ type: 'queue-list', entries, doctorsOnline });
    for (const c of this.book.waiting()) {
      if (!c.kiosk) continue;
      const wait = this.waitFor(c);
      const key = JSON.stringify(wait);
      if (key === c.lastQueueUpdate) continue;
      c.lastQueueUpdate = key;
      c.kiosk.send({ type: 'queue-updated', consultationId: c.id, ...wait });
    }
  }

  private onlineIds(): Set<string> {
    return new Set([...this.doctors.values()].map((d) => d.id));
  }
}
