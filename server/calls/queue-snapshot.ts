import type { QueueWait } from '../../common/routing/queue-wait';
import { queueKey, type Routed } from '../queue/routing';
import type { WaitEstimator } from '../queue/wait-estimate';
import { routedOf } from './booked-entry';
import type { Consultation } from './consultation';

/**
 * Every waiting patient's place and estimate, computed once in the queue's order (longest-waiting
 * first). The board builds one per publish and keeps it for the rest of that turn of the event
 * loop, so that the joins arriving in the same turn each extend it by one patient instead of
 * walking the whole queue again: with thousands waiting, that made a burst of joins quadratic.
 * Any other change to the queue publishes, which builds a new one.
 */
export class QueueSnapshot {
  private readonly positions = new Map<string, number>();
  private readonly waits = new Map<string, QueueWait>();
  /** Patients so far per queue (specialty and territory). */
  private readonly counts = new Map<string, number>();
  private lastJoinedAt = -Infinity;

  constructor(
    private readonly estimator: WaitEstimator,
    waiting: readonly Consultation[],
  ) {
    for (const c of waiting) this.append(c);
  }

  has(c: Consultation): boolean {
    return this.positions.has(c.id);
  }

  /** Takes in a patient who joined after everyone already in it; false for anyone else. */
  append(c: Consultation): boolean {
    if (c.state !== 'waiting' || c.joinedAt < this.lastJoinedAt || this.has(c)) return false;
    this.lastJoinedAt = c.joinedAt;
    const key = queueKey(c.queueEntry);
    const place = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, place);
    this.positions.set(c.id, place);
    this.waits.set(c.id, this.estimator.add(routedOf(c)));
    return true;
  }

  /** 1-based place in the patient's own queue; 0 for a consultation not waiting. */
  positionOf(id: string): number {
    return this.positions.get(id) ?? 0;
  }

  waitOf(id: string): QueueWait {
    return this.waits.get(id) ?? { kind: 'no-doctor' };
  }

  /** The wait a patient joining last would be told, taking no doctor's time. */
  newcomer(routed: Routed): QueueWait {
    return this.estimator.peek(routed);
  }
}
