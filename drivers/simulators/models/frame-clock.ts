/**
 * A device's own frame timeline: frames fall every `periodMs` from `startedAtMs`. `due(now)`
 * returns the times of the frames due since the last call, at most one second's worth (a runner
 * that stalled longer resumes from now rather than bursting the backlog onto the line).
 */
export class FrameClock {
  private next: number;

  constructor(
    readonly periodMs: number,
    startedAtMs: number,
  ) {
    this.next = startedAtMs;
  }

  due(nowMs: number): number[] {
    const times: number[] = [];
    if (nowMs - this.next > 1000) this.next = nowMs - 1000 + ((nowMs - this.next) % this.periodMs);
    while (this.next <= nowMs) {
      times.push(this.next);
      this.next += this.periodMs;
    }
    return times;
  }

  /** Starts the timeline again at `nowMs` (e.g. when a stream is started by a command). */
  restart(nowMs: number): void {
    this.next = nowMs;
  }
}
