import { describe, expect, it } from 'vitest';
import type { QualityFlag } from '../../../common/devices/measurement';
import type { OximetryFrame } from '../../protocols/frames';
import { DEVICE_CATALOGUE } from '../../catalogue/device-catalogue';
import { driveSimulator } from '../testing/drive-simulator';
import {
  OXIMETER_SCENARIO_VALUES,
  OXIMETER_SCENARIOS,
  PATIENT_SIMULATOR_HOLD_MS,
  type OximeterScenario,
} from './oximeter-physiology';
import { OXIMETER_CALIBRATION } from '../../catalogue/calibration-procedures';

const T0 = Date.UTC(2026, 10, 22, 9, 30, 0);
type OximeterModel = 'contec-cms50-legacy' | 'contec-cms50-v7' | 'nonin-format2' | 'nonin-format7' | 'masimo-ascii';

/** What each model's decoder reports for the two failure scenarios (the wire formats differ). */
const FAILURE_FLAGS: Record<OximeterModel, { 'finger-out': QualityFlag[]; 'probe-error': QualityFlag[] }> = {
  'contec-cms50-legacy': { 'finger-out': ['finger-out'], 'probe-error': ['probe-error'] },
  // V7 has one bit for "probe error / finger out" (PROTOCOLS.md §1.2).
  'contec-cms50-v7': { 'finger-out': ['finger-out'], 'probe-error': ['finger-out'] },
  'nonin-format2': { 'finger-out': ['finger-out'], 'probe-error': ['sensor-off', 'finger-out'] },
  'nonin-format7': { 'finger-out': ['finger-out'], 'probe-error': ['sensor-off', 'finger-out'] },
  'masimo-ascii': { 'finger-out': ['finger-out'], 'probe-error': ['probe-error'] },
};
const HAS_PI: Record<OximeterModel, boolean> = {
  'contec-cms50-legacy': false,
  'contec-cms50-v7': true,
  'nonin-format2': false,
  'nonin-format7': false,
  'masimo-ascii': true,
};
const HAS_PLETH: Record<OximeterModel, number> = {
  'contec-cms50-legacy': 60,
  'contec-cms50-v7': 60,
  'nonin-format2': 75,
  'nonin-format7': 75,
  'masimo-ascii': 0,
};

/** Runs a simulator for `seconds` the way the pty runner does and decodes everything it wrote. */
function run(model: OximeterModel, scenario: string, seconds: number) {
  const { protocol, simulator } = DEVICE_CATALOGUE[model];
  const { frames, bytes } = driveSimulator(protocol, simulator, { scenario, seconds, t0: T0 });
  const oximetry = frames.filter((f): f is OximetryFrame => f.type === 'oximetry');
  return { frames, oximetry, errors: frames.filter((f) => f.type === 'error'), bytes };
}

/** Heartbeats seen in a pleth trace: upward crossings of 60 % of its range. */
function countBeats(pleth: number[]): number {
  const lo = Math.min(...pleth);
  const hi = Math.max(...pleth);
  const threshold = lo + 0.6 * (hi - lo);
  let beats = 0;
  for (let i = 1; i < pleth.length; i++) if (pleth[i - 1]! < threshold && pleth[i]! >= threshold) beats++;
  return beats;
}

const models = Object.keys(FAILURE_FLAGS) as OximeterModel[];

describe.each(models)('%s simulator → its own decoder', (model) => {
  it('lists the oximeter scenarios and rejects an unknown one by naming the valid ones', () => {
    expect(DEVICE_CATALOGUE[model].simulator.scenarios).toEqual(OXIMETER_SCENARIOS);
    expect(() => DEVICE_CATALOGUE[model].simulator.create('asystole', T0)).toThrow(
      /unknown scenario "asystole".*normal, low-spo2, tachycardia, finger-out, probe-error, garbage/,
    );
  });

  it.each(['normal', 'low-spo2', 'tachycardia'] as const)(
    '%s: every reading valid with the scenario values',
    (scenario: OximeterScenario) => {
      const expected = OXIMETER_SCENARIO_VALUES[scenario];
      const { oximetry, errors } = run(model, scenario, 6);
      expect(errors).toEqual([]);
      expect(oximetry.length).toBeGreaterThan(0);
      for (const f of oximetry) {
        expect(f).toMatchObject({
          valid: true,
          spo2: expected.spo2,
          pulseRate: expected.pulseRate,
          perfusionIndex: HAS_PI[model] ? expected.perfusionIndex : null,
        });
        expect(f.flags).toEqual([]);
      }
    },
  );

  it('a pleth waveform at the device rate with one pulse per heartbeat (none from Masimo ASCII)', () => {
    const { oximetry } = run(model, 'tachycardia', 10);
    const pleth = oximetry.flatMap((f) => f.pleth);
    if (HAS_PLETH[model] === 0) return expect(pleth).toEqual([]);
    // Nonin sends whole packets only; the last partial one is still in the decoder.
    expect(pleth.length).toBeGreaterThanOrEqual(HAS_PLETH[model] * 10 - 25);
    expect(Math.max(...pleth) - Math.min(...pleth)).toBeGreaterThan(50);
    const expectedBeats = (OXIMETER_SCENARIO_VALUES.tachycardia.pulseRate / 60) * (pleth.length / HAS_PLETH[model]);
    expect(Math.abs(countBeats(pleth) - expectedBeats)).toBeLessThanOrEqual(2);
  });

  it.each(['finger-out', 'probe-error'] as const)('%s: invalid readings with the model’s flags', (scenario) => {
    const { oximetry, errors } = run(model, scenario, 3);
    expect(errors).toEqual([]);
    expect(oximetry.length).toBeGreaterThan(0);
    for (const f of oximetry)
      expect(f).toMatchObject({
        valid: false,
        spo2: null,
        pulseRate: null,
        perfusionIndex: null,
        flags: FAILURE_FLAGS[model][scenario],
      });
  });

  it.each([
    ['patient-simulator', 0],
    ['patient-simulator-spo2-3-low', -3],
  ] as const)('%s: reads each patient-simulator point in turn (SpO2 offset %s %%)', (scenario, offset) => {
    const { oximetry, errors } = run(model, scenario, (PATIENT_SIMULATOR_HOLD_MS * 3) / 1000);
    expect(errors).toEqual([]);
    const seen = new Set(oximetry.filter((f) => f.valid).map((f) => `${f.spo2}/${f.pulseRate}`));
    for (const p of OXIMETER_CALIBRATION.points) expect(seen).toContain(`${p.spo2 + offset}/${p.pulseRate}`);
  });

  it('garbage: noise is reported as errors and the readings still come through', () => {
    const first = run(model, 'garbage', 20);
    expect(first.errors.length).toBeGreaterThan(0);
    const good = first.oximetry.filter((f) => f.valid && f.spo2 === 98 && f.pulseRate === 72);
    // The legacy format has no checksum: noise can now and then pass for a packet.
    expect(good.length / first.oximetry.length).toBeGreaterThan(0.9);
    expect(good.length).toBeGreaterThan(0.8 * run(model, 'normal', 20).oximetry.length);
    // Seeded: the same run twice gives the same bytes.
    expect(run(model, 'garbage', 20).frames).toEqual(first.frames);
  });
});
