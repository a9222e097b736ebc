/**
 * What the simulated patient and probe do, shared by every oximeter model: per-scenario values,
 * a realistic plethysmogram (systolic upstroke, dicrotic notch, diastolic wave, respiratory
 * baseline drift) and the beat marker. Pure functions of time: each model encodes the state in
 * its own wire format.
 */
export const OXIMETER_SCENARIOS = [
  'normal',
  'low-spo2',
  'tachycardia',
  'finger-out',
  'probe-error',
  'garbage',
] as const;
export type OximeterScenario = (typeof OXIMETER_SCENARIOS)[number];

/** The values each scenario shows (also what the tests expect after decoding). */
export const OXIMETER_SCENARIO_VALUES: Record<
  OximeterScenario,
  { spo2: number; pulseRate: number; perfusionIndex: number; fingerOut: boolean; probeError: boolean }
> = {
  normal: { spo2: 98, pulseRate: 72, perfusionIndex: 3.2, fingerOut: false, probeError: false },
  'low-spo2': { spo2: 87, pulseRate: 94, perfusionIndex: 1.8, fingerOut: false, probeError: false },
  tachycardia: { spo2: 97, pulseRate: 132, perfusionIndex: 2.6, fingerOut: false, probeError: false },
  'finger-out': { spo2: 0, pulseRate: 0, perfusionIndex: 0, fingerOut: true, probeError: false },
  'probe-error': { spo2: 0, pulseRate: 0, perfusionIndex: 0, fingerOut: false, probeError: true },
  garbage: { spo2: 98, pulseRate: 72, perfusionIndex: 3.2, fingerOut: false, probeError: false },
};

export interface OximeterState {
  spo2: number;
  pulseRate: number;
  perfusionIndex: number;
  /** Pleth sample, 0–1 (flat 0 without a finger). */
  pleth: number;
  /** True on the first sample of a heartbeat (the device's beep bit). */
  beat: boolean;
  fingerOut: boolean;
  probeError: boolean;
}

const gauss = (x: number, mu: number, sigma: number) => Math.exp(-((x - mu) ** 2) / (2 * sigma ** 2));

/**
 * One cardiac cycle of a fingertip PPG, phase 0–1: a steep systolic peak, the dicrotic notch and
 * a smaller diastolic wave, decaying to the next beat. Peak ≈ 1.
 */
export function ppgShape(phase: number): number {
  return gauss(phase, 0.16, 0.07) + 0.42 * gauss(phase, 0.44, 0.09) + 0.08 * gauss(phase, 0.7, 0.12);
}

/** A patient for one scenario: `sample(t)` is the device state at `t` ms since power-on. */
export function createPhysiology(scenario: OximeterScenario): { sample(tMs: number): OximeterState } {
  const v = OXIMETER_SCENARIO_VALUES[scenario];
  let lastBeat = -1;
  return {
    sample(tMs) {
      if (v.fingerOut || v.probeError) return { ...v, pleth: 0, beat: false };
      const beats = (tMs / 60_000) * v.pulseRate;
      const beatIndex = Math.floor(beats);
      const beat = beatIndex !== lastBeat;
      lastBeat = beatIndex;
      // Breathing at 15/min lifts the baseline a little and modulates the amplitude.
      const breath = Math.sin((2 * Math.PI * tMs) / 4000);
      const pleth = 0.12 + 0.05 * (breath + 1) + 0.72 * (1 + 0.06 * breath) * ppgShape(beats - beatIndex);
      return { ...v, pleth: Math.min(Math.max(pleth, 0), 1), beat };
    },
  };
}
