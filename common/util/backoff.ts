import { systemClock, type Clock } from './clock';

/**
 * How a loop that retries waits between attempts: capped exponential growth, with part of each
 * delay random so that a fleet of kiosks does not retry in lockstep after a platform outage.
 */
export interface BackoffPolicy {
  /** Delay before the first retry, ms. */
  initialMs: number;
  /** Ceiling of any delay, ms. */
  maxMs: number;
  /** Growth per failed attempt; default 2 (1, 2, 4… × initialMs). */
  factor?: number;
  /**
   * Share of each delay that is random, 0–1; default 0. With 0.5 a delay falls in [50 %, 100 %]
   * of its step. Local hardware (a device replugged) needs none; anything that talks to the
   * platform should have some.
   */
  jitter?: number;
}

/**
 * The delay before retry number `attempt` (1 for the first retry): min(maxMs, initialMs ×
 * factor^(attempt − 1)), minus up to `jitter` of it. `random` is 0 ≤ x < 1 (injected in tests).
 */
export function backoffDelay(policy: BackoffPolicy, attempt: number, random: number): number {
  const step = Math.min(policy.maxMs, policy.initialMs * (policy.factor ?? 2) ** Math.max(0, attempt - 1));
  const jitter = Math.min(1, Math.max(0, policy.jitter ?? 0));
  return Math.round(step * (1 - jitter + jitter * random));
}

export interface RetryTimerOptions {
  policy: BackoffPolicy;
  clock?: Clock;
  /** 0 ≤ x < 1; defaults to Math.random. */
  random?: () => number;
}

/**
 * The state every retry loop keeps: how many attempts failed in a row and the one pending retry.
 * `schedule` after a failure, `succeeded` once it works again, `cancel` when the owner stops.
 */
export class RetryTimer {
  private handle: unknown = null;
  private failures = 0;
  private readonly clock: Clock;

  constructor(private readonly options: RetryTimerOptions) {
    this.clock = options.clock ?? systemClock;
  }

  /** Consecutive failures so far (the number of the retry last scheduled). */
  get attempts(): number {
    return this.failures;
  }

  /** A retry is waiting for its time. */
  get pending(): boolean {
    return this.handle !== null;
  }

  /**
   * Counts a failure and runs `retry` after the next delay, which it returns. While a retry is
   * already pending this does nothing and returns null: two failures of one attempt are one.
   */
  schedule(retry: () => void): number | null {
    if (this.handle !== null) return null;
    this.failures += 1;
    const delay = backoffDelay(this.options.policy, this.failures, (this.options.random ?? Math.random)());
    this.handle = this.clock.setTimeout(() => {
      this.handle = null;
      retry();
    }, delay);
    return delay;
  }

  /** The attempt worked: the next failure waits the initial delay again. */
  succeeded(): void {
    this.failures = 0;
  }

  /** Drops the pending retry (the owner stopped); the failure count stays. */
  cancel(): void {
    if (this.handle !== null) this.clock.clearTimeout(this.handle);
    this.handle = null;
  }
}
