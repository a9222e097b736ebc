import type { DoctorInfo } from '../../common/signaling/messages';
import type { Consultation, DoctorLink, KioskLink } from './consultation';
import { SignalFailure } from './signal-failure';

/**
 * The consultations under way, found by id, session, kiosk socket or doctor; the lookups that
 * refuse (SignalFailure) when the caller has no business with the consultation.
 */
export class ConsultationBook {
  private readonly byId = new Map<string, Consultation>();
  /** Session id → consultation id; kept after the end so a replayed ticket cannot queue again. */
  private readonly bySession = new Map<string, string>();

  add(c: Consultation): void {
    this.byId.set(c.id, c);
    this.bySession.set(c.sessionId, c.id);
  }

  /** Removes an ended consultation; `forgetSession` lets its session queue again. */
  remove(c: Consultation, forgetSession: boolean): void {
    this.byId.delete(c.id);
    if (forgetSession) this.bySession.delete(c.sessionId);
  }

  get(id: string): Consultation | undefined {
    return this.byId.get(id);
  }

  /** The session's consultation, `ended` when it had one that is over, or undefined. */
  forSession(sessionId: string): Consultation | 'ended' | undefined {
    const id = this.bySession.get(sessionId);
    if (id === undefined) return undefined;
    return this.byId.get(id) ?? 'ended';
  }

  all(): Consultation[] {
    return [...this.byId.values()];
  }

  /** Waiting consultations, first come first. */
  waiting(): Consultation[] {
    return this.all()
      .filter((c) => c.state === 'waiting')
      .sort((a, b) => a.joinedAt - b.joinedAt);
  }

  inCall(): Consultation[] {
    return this.all().filter((c) => c.state === 'in-call');
  }

  byKioskLink(link: KioskLink): Consultation | undefined {
    return this.all().find((c) => c.kiosk === link);
  }

  /** The consultation of this kiosk socket; refused when it has not joined the queue. */
  requireKiosk(link: KioskLink): Consultation {
    const c = this.byKioskLink(link);
    if (!c) throw new SignalFailure('conflict', 'join the queue first');
    return c;
  }

  /** The call this doctor's console is in, if any. */
  inCallWith(link: DoctorLink): Consultation | undefined {
    return this.inCall().find((c) => c.doctorLink === link);
  }

  /** The call a doctor (any of their consoles) is in, if any. */
  activeFor(doctorId: string): Consultation | undefined {
    return this.inCall().find((c) => c.doctor?.id === doctorId);
  }

  /** A consultation in call with this doctor; refused when it is not theirs or not in call. */
  ownedBy(doctor: DoctorInfo, consultationId: string): Consultation {
    const c = this.byId.get(consultationId);
    if (!c || c.state !== 'in-call') throw new SignalFailure('not-found', 'no such consultation in call');
    if (c.doctor?.id !== doctor.id) throw new SignalFailure('forbidden', 'this consultation is another doctor’s');
    return c;
  }

  /**
   * Each kiosk with a consultation under way: waiting in the queue or in call (no patient data). A
   * patient who left with a ticket (`isAway`) is not in the cabin: it is free for the next one.
   */
  kioskCalls(isAway: (c: Consultation) => boolean): Map<string, 'waiting' | 'in-call'> {
    const calls = new Map<string, 'waiting' | 'in-call'>();
    for (const c of this.waiting()) if (!isAway(c)) calls.set(c.kioskId, 'waiting');
    for (const c of this.inCall()) calls.set(c.kioskId, 'in-call');
    return calls;
  }

  /** A session whose consultation ended before a restart (queue-journal.ts): its ticket cannot queue again. */
  rememberEnded(sessionId: string, consultationId: string): void {
    if (!this.byId.has(consultationId)) this.bySession.set(sessionId, consultationId);
  }

  clear(): void {
    this.byId.clear();
  }
}
