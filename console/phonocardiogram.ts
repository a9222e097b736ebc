/**
 * The phonocardiogram the doctor sees: the last few seconds of the stethoscope's signal (its
 * min–max per column, like a paper trace) and its envelope, the average Shannon energy
 * −x²·ln(x²) of the peak-normalised samples, which stresses the heart sounds (S1, S2) over both the
 * quiet and the loudest peaks, so each beat stands out as one hump.
 */
export interface PcgView {
  /** Lowest and highest sample per column, −1…1. */
  min: Float32Array;
  max: Float32Array;
  /** Envelope per column, 0…1 (1 = the window's loudest). */
  envelope: Float32Array;
}

export class PhonocardiogramBuffer {
  private readonly ring: Float32Array;
  private next = 0;
  /** Samples received since the start (the e2e and the console's "no sound yet" read it). */
  received = 0;

  constructor(
    readonly sampleRateHz: number,
    readonly windowSeconds = 4,
  ) {
    this.ring = new Float32Array(Math.round(sampleRateHz * windowSeconds));
  }

  push(samples: Float32Array): void {
    for (const sample of samples) {
      this.ring[this.next] = sample;
      this.next = (this.next + 1) % this.ring.length;
    }
    this.received += samples.length;
  }

  /** The window, oldest on the left, in `columns` columns. */
  view(columns: number): PcgView {
    const n = this.ring.length;
    const at = (i: number) => this.ring[(this.next + i) % n]!;
    let peak = 0;
    for (let i = 0; i < n; i++) peak = Math.max(peak, Math.abs(at(i)));
    const min = new Float32Array(columns);
    const max = new Float32Array(columns);
    const energy = new Float32Array(columns);
    for (let c = 0; c < columns; c++) {
      const from = Math.floor((c * n) / columns);
      const to = Math.max(from + 1, Math.floor(((c + 1) * n) / columns));
      let lo = Infinity;
      let hi = -Infinity;
      let sum = 0;
      for (let i = from; i < to; i++) {
        const x = at(i);
        lo = Math.min(lo, x);
        hi = Math.max(hi, x);
        const y = peak > 0 ? (x / peak) ** 2 : 0;
        sum += y > 0 ? -y * Math.log(y) : 0;
      }
      min[c] = lo;
      max[c] = hi;
      energy[c] = sum / (to - from);
    }
    return { min, max, envelope: smoothAndScale(energy) };
  }
}

/** A three-column moving average, scaled so the highest is 1 (all zeros stay zeros). */
function smoothAndScale(values: Float32Array): Float32Array {
  const out = new Float32Array(values.length);
  let top = 0;
  for (let i = 0; i < values.length; i++) {
    const a = values[Math.max(0, i - 1)]!;
    const b = values[i]!;
    const c = values[Math.min(values.length - 1, i + 1)]!;
    out[i] = (a + b + c) / 3;
    top = Math.max(top, out[i]!);
  }
  if (top > 0) for (let i = 0; i < out.length; i++) out[i]! /= top;
  return out;
}
