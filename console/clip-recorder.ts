/**
 * Collects the stethoscope's samples for one clip of a fixed length, as they arrive; `done` once
 * the clip is full (what comes after is not kept).
 */
export class ClipRecorder {
  private readonly samples: Float32Array;
  private filled = 0;
  /** When the clip started (ISO 8601), for the record. */
  readonly startedAt: string;

  constructor(
    readonly sampleRateHz: number,
    seconds: number,
    now: Date = new Date(),
  ) {
    this.samples = new Float32Array(Math.round(sampleRateHz * seconds));
    this.startedAt = now.toISOString();
  }

  /** Adds samples; true once the clip is full. */
  push(samples: Float32Array): boolean {
    const room = this.samples.length - this.filled;
    this.samples.set(samples.subarray(0, room), this.filled);
    this.filled += Math.min(room, samples.length);
    return this.done;
  }

  get done(): boolean {
    return this.filled === this.samples.length;
  }

  /** Whole seconds recorded so far. */
  get seconds(): number {
    return Math.floor(this.filled / this.sampleRateHz);
  }

  /** The clip's samples (all of them once done). */
  clip(): Float32Array {
    return this.samples.subarray(0, this.filled);
  }
}
