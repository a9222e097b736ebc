/**
 * Plays the oximeter's pleth samples at the device's own rate, whatever the rhythm they arrive in.
 *
 * Chunks come over a lossy channel every few tens of ms, in bursts and with gaps; drawing each as
 * it lands makes the wave jump forward and stall. The player holds them for `delayMs` (a jitter
 * buffer) and releases `rateHz` samples a second, so the trace moves at the device's speed, as on
 * a bedside monitor. It writes them into a sweep `trace` of `windowSeconds`: the newest sample at
 * `cursor`, the oldest just after it, as a monitor's erase bar sweeps across.
 */
export class PlethPlayer {
  private queue: number[] = [];
  private rateHz = 75;
  /** Time (ms) the first queued sample is due; null while stopped (nothing to play). */
  private anchor: number | null = null;
  /** Samples released since `anchor`. */
  private released = 0;
  /** The sweep: NaN where nothing was drawn yet. */
  trace: Float64Array;
  /** Index of the next sample to write in `trace`. */
  cursor = 0;
  /** Samples played in total. */
  played = 0;

  constructor(
    private readonly delayMs = 250,
    private readonly windowSeconds = 5,
  ) {
    this.trace = new Float64Array(Math.round(this.rateHz * windowSeconds)).fill(Number.NaN);
  }

  /** New samples at `rateHz`, arrived at `now` (ms). */
  push(samples: readonly number[], rateHz: number, now: number): void {
    if (rateHz !== this.rateHz && rateHz > 0) this.resize(rateHz);
    this.queue.push(...samples);
    if (this.anchor === null) {
      this.anchor = now + this.delayMs;
      this.released = 0;
    }
    // More than twice the buffer waiting (a burst after a stall, or a device faster than its
    // stated rate): skip ahead rather than lag further and further behind the patient.
    const max = Math.ceil(((2 * this.delayMs) / 1000) * this.rateHz) + samples.length;
    if (this.queue.length > max) this.queue.splice(0, this.queue.length - max);
  }

  /** Moves the trace to `now`; returns how many samples it drew. Stops when the queue runs dry. */
  advance(now: number): number {
    if (this.anchor === null || now < this.anchor) return 0;
    const due = Math.floor(((now - this.anchor) / 1000) * this.rateHz) - this.released;
    const n = Math.min(Math.max(0, due), this.queue.length);
    for (const v of this.queue.splice(0, n)) {
      this.trace[this.cursor] = v;
      this.cursor = (this.cursor + 1) % this.trace.length;
    }
    this.released += n;
    this.played += n;
    // Dry: wait for the next chunk and start its delay afresh (drawing nothing rather than guessing).
    if (this.queue.length === 0 && due > n) this.anchor = null;
    return n;
  }

  /** Whether samples wait to be drawn. */
  get playing(): boolean {
    return this.anchor !== null;
  }

  private resize(rateHz: number) {
    this.rateHz = rateHz;
    this.trace = new Float64Array(Math.round(rateHz * this.windowSeconds)).fill(Number.NaN);
    this.cursor = 0;
    this.anchor = null;
  }
}
