import type { Clock } from '../clock';

/** A Clock the test moves by hand: timers fire, in due order, only inside advance(). */
export class ManualClock implements Clock {
  private timers: { at: number; seq: number; callback: () => void }[] = [];
  private seq = 0;
  private onTimerSet: (() => void)[] = [];

  constructor(private current = Date.parse('2026-03-02T09:00:00Z')) {}

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const timer = { at: this.current + Math.max(0, ms), seq: this.seq++, callback };
    this.timers.push(timer);
    for (const notify of this.onTimerSet.splice(0)) notify();
    return timer;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t !== handle);
  }

  /** Delays of the timers now waiting, in ms from now, soonest first. */
  pendingDelays(): number[] {
    return this.timers.map((t) => t.at - this.current).sort((a, b) => a - b);
  }

  /**
   * Resolves once a timer is waiting (at once if one already is): for code that sets its next timer
   * only after an await, so the test advances the clock when there is something to fire.
   */
  timerSet(): Promise<void> {
    if (this.timers.length > 0) return Promise.resolve();
    return new Promise((resolve) => this.onTimerSet.push(resolve));
  }

  /** Moves time forward by `ms`, firing each timer that falls due, in order. */
  advance(ms: number): void {
    const end = this.current + ms;
    for (;;) {
      const next = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!next) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.current = next.at;
      next.callback();
    }
    this.current = end;
  }
}
