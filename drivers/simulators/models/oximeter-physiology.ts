import { OXIMETER_CALIBRATION } from '../../catalogue/calibration-procedures';
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
  'patient-simulator',
  'patient-simulator-spo2-3-low',
] as const;
export type OximeterScenario = (typeof OXIMETER_SCENARIOS)[number];

/**
 * Calibration scenarios: the probe on a patient simulator (a Fluke Index-type box) set to each of
 * the procedure's points in turn, each held `PATIENT_SIMULATOR_HOLD_MS` then the next, cycling
 * (the technician turns the knob; here time does). 'patient-simulator' reads the setting exactly;
 * 'patient-simulator-spo2-3-low' reads SpO2 3 % low, outside the ±2 % tolerance, so a failing
 * check can be driven.
 */
export const OXIMETER_CALIBRATION_SCENARIOS = {
  'patient-simulator': { spo2Offset: 0, pulseOffset: 0 },
  'patient-simulator-spo2-3-low': { spo2Offset: -3, pulseOffset: 0 },
} as const satisfies Partial<Record<OximeterScenario, { spo2Offset: number; pulseOffset: number }>>;
export const PATIENT_SIMULATOR_HOLD_MS = 20_000;

/** The patient simulator's setting `tMs` after power-on (which point of the procedure, and its values). */
export function patientSimulatorSetting(tMs: number): { index: number; spo2: number; pulseRate: number } {
  const points = OXIMETER_CALIBRATION.points;
  const index = Math.floor(Math.max(0, tMs) / PATIENT_SIMULATOR_HOLD_MS) % points.length;
  return { index, ...points[index]! };
}

/** What an oximeter in a calibration scenario reads `tMs` after power-on. */
export function calibrationReading(scenario: keyof typeof OXIMETER_CALIBRATION_SCENARIOS, tMs: number) {
  const setting = patientSimulatorSetting(tMs);
  const offset = OXIMETER_CALIBRATION_SCENARIOS[scenario];
  return { spo2: setting.spo2 + offset.spo2Offset, pulseRate: setting.pulseRate + offset.pulseOffset };
}

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
  // At power-on: the patient simulator's first point (see calibrationReading for the steps).
  'patient-simulator': { spo2: 97, pulseRate: 60, perfusionIndex: 2.0, fingerOut: false, probeError: false },
  'patient-simulator-spo2-3-low': { spo2: 94, pulseRate: 60, perfusionIndex: 2.0, fingerOut: false, probeError: false },
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
  const fixed = OXIMETER_SCENARIO_VALUES[scenario];
  const stepped = scenario in OXIMETER_CALIBRATION_SCENARIOS;
  let lastBeat = -1;
  return {
    sample(tMs) {
      const v = stepped
        ? { ...fixed, ...calibrationReading(scenario as keyof typeof OXIMETER_CALIBRATION_SCENARIOS, tMs) }
        : fixed;
      if (v.fingerOut || v.probeError) return { ...v, pleth: 0, beat: false };
      // Counted from the start of the current setting when stepped, so a pulse change is no jump back.
      const from = stepped ? tMs - (tMs % PATIENT_SIMULATOR_HOLD_MS) : 0;
      const beats = ((tMs - from) / 60_000) * v.pulseRate + from / 1000;
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
