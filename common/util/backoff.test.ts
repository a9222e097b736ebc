import { describe, expect, it } from 'vitest';
import { backoffDelay, RetryTimer } from './backoff';
import { ManualClock } from './testing/manual-clock';

describe('backoffDelay', () => {
  it('grows by the factor from the initial delay up to the ceiling', () => {
    const policy = { initialMs: 500, maxMs: 30_000 };
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffDelay(policy, n, 0.3))).toEqual([
      500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000,
    ]);
    expect(backoffDelay({ initialMs: 100, maxMs: 10_000, factor: 3 }, 3, 0)).toBe(900);
  });

  it('takes away up to `jitter` of each delay, by the random draw', () => {
    const policy = { initialMs: 1000, maxMs: 60_000, jitter: 0.5 };
    expect(backoffDelay(policy, 1, 0)).toBe(500);
    expect(backoffDelay(policy, 3, 0.5)).toBe(3000);
    expect(backoffDelay(policy, 3, 0.999999)).toBe(4000);
    expect(backoffDelay(policy, 20, 0)).toBe(30_000);
  });

  it('reaches the ceiling for an infinite attempt (a refusal that retrying soon cannot fix)', () => {
    expect(backoffDelay({ initialMs: 1000, maxMs: 8000 }, Number.POSITIVE_INFINITY, 0)).toBe(8000);
  });

  it('keeps the jitter share within 0–1', () => {
    expect(backoffDelay({ initialMs: 1000, maxMs: 1000, jitter: 7 }, 1, 0)).toBe(0);
    expect(backoffDelay({ initialMs: 1000, maxMs: 1000, jitter: -1 }, 1, 0)).toBe(1000);
  });
});

describe('RetryTimer', () => {
  it('runs each retry after the next delay on the injected clock, and starts over after a success', () => {
    const clock = new ManualClock();
    const timer = new RetryTimer({ policy: { initialMs: 100, maxMs: 350 }, clock, random: () => 0 });
    const runs: number[] = [];
    const retry = () => runs.push(clock.now());
    const start = clock.now();
    expect(timer.schedule(retry)).toBe(100);
    expect(timer.pending).toBe(true);
    clock.advance(99);
    expect(runs).toEqual([]);
    clock.advance(1);
    expect(runs).toEqual([start + 100]);
    expect(timer.pending).toBe(false);
    expect(timer.schedule(retry)).toBe(200);
    clock.advance(200);
    expect(timer.schedule(retry)).toBe(350);
    expect(timer.attempts).toBe(3);
    clock.advance(350);
    timer.succeeded();
    expect(timer.attempts).toBe(0);
    expect(timer.schedule(retry)).toBe(100);
  });

  it('counts two failures of one attempt once', () => {
    const clock = new ManualClock();
    const timer = new RetryTimer({ policy: { initialMs: 100, maxMs: 1000 }, clock });
    let runs = 0;
    expect(timer.schedule(() => runs++)).toBe(100);
    expect(timer.schedule(() => runs++)).toBeNull();
    expect(clock.pendingDelays()).toEqual([100]);
    clock.advance(100);
    expect(runs).toBe(1);
    expect(timer.attempts).toBe(1);
  });

  it('drops the pending retry when cancelled', () => {
    const clock = new ManualClock();
    const timer = new RetryTimer({ policy: { initialMs: 100, maxMs: 1000 }, clock });
    let runs = 0;
    timer.schedule(() => runs++);
    timer.cancel();
    expect(timer.pending).toBe(false);
    expect(clock.pendingDelays()).toEqual([]);
    clock.advance(1000);
    expect(runs).toBe(0);
  });
});
