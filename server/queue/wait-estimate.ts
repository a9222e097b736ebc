import type { DoctorScope } from '../../common/routing/doctor-scope';
import type { QueueWait } from '../../common/routing/queue-wait';
import { canTake, type Routed } from './routing';

/** Consultation length assumed until the platform has seen real ones (minutes). */
export const DEFAULT_CONSULTATION_MINUTES = 10;
/**
 * Time a free doctor on duty takes to accept the next patient, assumed until the platform has
 * measured some (minutes): seeing the list, reading the reason, clicking.
 */
export const DEFAULT_PICKUP_MINUTES = 2;
/** How many recent consultations (and pick-ups) the estimate looks at. */
export const RECENT_WINDOW = 20;
/** A call that ran past the typical length is still assumed to need this share of it. */
const OVERRUN_FLOOR = 0.1;

/** A patient waiting in the live queue, in the order they joined. */
export interface WaitingPatient extends Routed {
  id: string;
}

/** A doctor on duty for the live queue (off-duty doctors are not counted). */
export interface DoctorOnDuty {
  id: string;
  scope: DoctorScope | null;
  /** Seconds since they accepted the call they are in; null when free. */
  busyElapsedSeconds: number | null;
  /** False for a doctor connected but off duty: they take only the patients booked with them. Default true. */
  onDuty?: boolean;
}

/** What the platform has seen lately, most recent last. */
export interface WaitHistory {
  /** Durations of recent consultations, seconds (accept to end). */
  recentDurationsSeconds: readonly number[];
  /**
   * Recent pick-up delays, seconds: from the moment the accepting doctor on duty could have taken
   * the patient (the later of the patient joining, the doctor going on duty, the doctor's previous
   * call ending) to the accept.
   */
  recentPickupSeconds: readonly number[];
}

/**
 * The honest wait of every waiting patient, per queue (specialty and territory).
 *
 * Formula: let T be the typical consultation (the median of the last RECENT_WINDOW durations,
 * robust to one very long call; DEFAULT_CONSULTATION_MINUTES before any) and P the typical pick-up
 * delay (the median of the last RECENT_WINDOW pick-ups; DEFAULT_PICKUP_MINUTES before any). Each
 * doctor on duty is free at F = 0 when free, else F = max(T − elapsed, T/10) (a call already past
 * T is given a tenth of it more). Patients are then taken in the order they joined: each goes to
 * the doctor on duty who can take them (canTake) and is free first; their consultation starts at
 * S = F + P, and that doctor is free again at S + T. A patient's estimate is ⌈S / 60⌉ minutes,
 * so never 0: even a free doctor takes P to accept.
 *
 * Assumptions: doctors take the longest-waiting patient they may take (the order of their list);
 * every consultation lasts T; patients ahead do not leave; doctors stay on duty. Doctors shared
 * between queues (a GP who is also a paediatrician, a doctor serving two départements) are shared
 * in the order patients joined, so a queue's estimate counts the patients of other queues who take
 * its doctors first. A patient no doctor on duty can take gets `no-doctor`, not a number, and takes
 * no doctor's time from the patients behind.
 */
export function estimateWaits(
  patients: readonly WaitingPatient[],
  doctors: readonly DoctorOnDuty[],
  history: WaitHistory,
): Map<string, QueueWait> {
  const estimator = new WaitEstimator(doctors, history);
  return new Map(patients.map((patient) => [patient.id, estimator.add(patient)]));
}

/**
 * The formula above, one patient at a time in the order they joined: a patient joining at the end
 * of the queue costs one step (the doctors able to take them), not the whole queue again — with
 * thousands waiting, a join re-estimating everyone made the joins quadratic.
 */
export class WaitEstimator {
  private readonly typical: number;
  private readonly pickup: number;
  private readonly freeAt: Map<string, number>;

  constructor(
    private readonly doctors: readonly DoctorOnDuty[],
    history: WaitHistory,
  ) {
    this.typical = typicalSeconds(history.recentDurationsSeconds, DEFAULT_CONSULTATION_MINUTES * 60);
    this.pickup = typicalSeconds(history.recentPickupSeconds, DEFAULT_PICKUP_MINUTES * 60);
    this.freeAt = new Map(
      doctors.map((d) => [
        d.id,
        d.busyElapsedSeconds === null
          ? 0
          : Math.max(this.typical - Math.max(0, d.busyElapsedSeconds), this.typical * OVERRUN_FLOOR),
      ]),
    );
  }

  /** The next patient in the queue's order: their wait, and the doctor's time they take. */
  add(patient: Routed): QueueWait {
    return this.step(patient, true);
  }

  /** The wait a patient joining last would be told, taking no doctor's time (nobody joined). */
  peek(patient: Routed): QueueWait {
    return this.step(patient, false);
  }

  private step(patient: Routed, commit: boolean): QueueWait {
    let first: DoctorOnDuty | null = null;
    let able = 0;
    for (const d of this.doctors) {
      if (d.onDuty === false && patient.bookedDoctorId !== d.id) continue;
      if (!canTake(d.scope, patient, d.id)) continue;
      able++;
      if (first === null || this.freeAt.get(d.id)! < this.freeAt.get(first.id)!) first = d;
    }
    // A patient no doctor on duty can take takes no doctor's time from the patients behind.
    if (first === null) return { kind: 'no-doctor' };
    const start = this.freeAt.get(first.id)! + this.pickup;
    if (commit) this.freeAt.set(first.id, start + this.typical);
    return { kind: 'estimate', minutes: Math.max(1, Math.ceil(start / 60)), doctorsOnDuty: able };
  }
}

/** Median of the last RECENT_WINDOW positive samples (seconds), or the default when there are none. */
export function typicalSeconds(samples: readonly number[], defaultSeconds: number): number {
  const recent = samples.filter((d) => Number.isFinite(d) && d > 0).slice(-RECENT_WINDOW);
  if (recent.length === 0) return defaultSeconds;
  const sorted = [...recent].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
