import type { QualityFlag } from '../../common/devices/measurement';
import { UNUSABLE_FLAGS } from '../../common/devices/measurement';

/** Tuning of the oximeter's spot check. */
export interface SpotCheckOptions {
  /** SpO2 and pulse must stay within their tolerance band for this long to be final (ms). */
  holdMs: number;
  /** Width of the SpO2 band, in % points (max − min). */
  spo2Tolerance: number;
  /** Width of the pulse band, in bpm (max − min). */
  pulseTolerance: number;
  /** The same unusable flag for this long ends the measurement as failed (ms). */
  failAfterMs: number;
  /** No stable reading after this long ends the measurement as failed (ms). */
  timeoutMs: number;
}

export const DEFAULT_SPOT_CHECK: SpotCheckOptions = {
  holdMs: 5_000,
  spo2Tolerance: 2,
  pulseTolerance: 5,
  failAfterMs: 10_000,
  timeoutMs: 60_000,
};

/** Why a reading is not possible, most specific first (the failure code is the first present). */
const FAILURE_PRIORITY: readonly QualityFlag[] = [
  'probe-error',
  'sensor-off',
  'finger-out',
  'searching',
  'out-of-range',
  'low-perfusion',
  'artifact',
  'out-of-track',
];

/** The most telling failure reason among flags, or null. */
export function failureReason(flags: readonly QualityFlag[]): QualityFlag | null {
  return FAILURE_PRIORITY.find((f) => flags.includes(f)) ?? null;
}

export type SpotCheckOutcome =
  | { type: 'progress'; progress: number }
  | { type: 'stable'; spo2: number; pulseRate: number; perfusionIndex: number | null; flags: QualityFlag[] }
  | { type: 'failed'; code: string };

/**
 * The oximeter's spot-check logic, pure (time comes in with each sample): a reading is final once
 * SpO2 and pulse stayed inside their tolerance bands for `holdMs`; the final values are the window's
 * rounded means. Unusable flags restart the window; kept too long they fail the measurement with
 * the flag as the reason.
 */
export class SpotCheck {
  private windowStart: number | null = null;
  private spo2 = { min: 0, max: 0, sum: 0 };
  private pulse = { min: 0, max: 0, sum: 0 };
  private pi: number | null = null;
  private count = 0;
  private warnings: QualityFlag[] = [];
  private badSince: number | null = null;
  private lastBadFlags: QualityFlag[] = [];

  constructor(
    private readonly options: SpotCheckOptions,
    private readonly startedAt: number,
  ) {}

  /** Feeds one decoded sample; returns what the measurement is now. */
  sample(
    now: number,
    spo2: number | null,
    pulseRate: number | null,
    perfusionIndex: number | null,
    flags: readonly QualityFlag[],
  ): SpotCheckOutcome {
    const unusable = flags.some((f) => UNUSABLE_FLAGS.has(f));
    if (unusable || spo2 === null || pulseRate === null) {
      this.windowStart = null;
      this.badSince ??= now;
      this.lastBadFlags = [...flags];
      if (now - this.badSince >= this.options.failAfterMs)
        return { type: 'failed', code: failureReason(flags) ?? 'no-signal' };
      return this.checkTimeout(now) ?? { type: 'progress', progress: 0 };
    }
    this.badSince = null;
    const inBand =
      this.windowStart !== null &&
      Math.max(this.spo2.max, spo2) - Math.min(this.spo2.min, spo2) <= this.options.spo2Tolerance &&
      Math.max(this.pulse.max, pulseRate) - Math.min(this.pulse.min, pulseRate) <= this.options.pulseTolerance;
    if (!inBand) {
      this.windowStart = now;
      this.spo2 = { min: spo2, max: spo2, sum: 0 };
      this.pulse = { min: pulseRate, max: pulseRate, sum: 0 };
      this.count = 0;
      this.warnings = [];
    }
    this.spo2 = { min: Math.min(this.spo2.min, spo2), max: Math.max(this.spo2.max, spo2), sum: this.spo2.sum + spo2 };
    this.pulse = {
      min: Math.min(this.pulse.min, pulseRate),
      max: Math.max(this.pulse.max, pulseRate),
      sum: this.pulse.sum + pulseRate,
    };
    this.count += 1;
    if (perfusionIndex !== null) this.pi = perfusionIndex;
    for (const f of flags) if (!this.warnings.includes(f)) this.warnings.push(f);
    const held = now - (this.windowStart ?? now);
    if (held >= this.options.holdMs) {
      return {
        type: 'stable',
        spo2: Math.round(this.spo2.sum / this.count),
        pulseRate: Math.round(this.pulse.sum / this.count),
        perfusionIndex: this.pi,
        flags: [...this.warnings],
      };
    }
    return this.checkTimeout(now) ?? { type: 'progress', progress: Math.min(1, held / this.options.holdMs) };
  }

  /** Called when no sample arrives (silence); fails once the measurement timed out. */
  idle(now: number): SpotCheckOutcome | null {
    return this.checkTimeout(now);
  }

  private checkTimeout(now: number): SpotCheckOutcome | null {
    if (now - this.startedAt < this.options.timeoutMs) return null;
    return { type: 'failed', code: failureReason(this.lastBadFlags) ?? failureReason(this.warnings) ?? 'timeout' };
  }
}
