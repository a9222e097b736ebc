import { systemClock, type Clock } from './clock';

/** A clock whose "now" a test may move (timers still run in real time, relative to the call). */
export interface SettableClock extends Clock {
  /** From now on, now() reads `ms` plus the real time elapsed since this call. */
  set(ms: number): void;
}

/**
 * The platform's clock under `--test-hooks` (POST /api/test/clock): the e2e runs "a 15:00 slot,
 * check-in at 14:57" without waiting. Never in production (the hooks refuse to start there).
 */
export function settableClock(base: Clock = systemClock): SettableClock {
  let offset = 0;
  return {
    now: () => base.now() + offset,
    setTimeout: (callback, ms) => base.setTimeout(callback, ms),
    clearTimeout: (handle) => base.clearTimeout(handle),
    set: (ms) => {
      offset = ms - base.now();
    },
  };
}

export function isSettable(clock: Clock | undefined): clock is SettableClock {
  return typeof (clock as Partial<SettableClock> | undefined)?.set === 'function';
}
