import {
  createSureTempDecoder,
  encodeSureTempBlock,
  encodeSureTempRecord,
  KELVIN_OFFSET,
  SURETEMP_CODES,
  SURETEMP_TYPE,
  type SureTempRecord,
} from '../../protocols/welch-allyn-suretemp';
import { simulatorModel } from '../simulator-model';
import { THERMOMETER_CALIBRATION } from '../../catalogue/calibration-procedures';
import { concatBytes } from '../../../common/util/bytes';
import { createNoise } from './prng';

export const THERMOMETER_SCENARIOS = [
  'normal',
  'fever',
  'probe-error',
  'garbage',
  'reference-bath',
  'reference-bath-0.5-high',
] as const;
export type ThermometerScenario = (typeof THERMOMETER_SCENARIOS)[number];

/**
 * Calibration scenarios: the probe in a reference bath set to each of the procedure's points in
 * turn, each held `BATH_HOLD_MS` then the next, cycling (the technician moves the probe; here time
 * does). 'reference-bath' reads the bath exactly; 'reference-bath-0.5-high' reads 0.5 °C high,
 * outside the ±0.3 °C tolerance, so a failing check can be driven. Offsets in °C.
 */
export const THERMOMETER_CALIBRATION_SCENARIOS = {
  'reference-bath': 0,
  'reference-bath-0.5-high': 0.5,
} as const satisfies Partial<Record<ThermometerScenario, number>>;
export const BATH_HOLD_MS = 20_000;

/** The bath's temperature `tMs` after power-on, and which point of the procedure it is. */
export function bathSetting(tMs: number): { index: number; celsius: number } {
  const points = THERMOMETER_CALIBRATION.pointsCelsius;
  const index = Math.floor(Math.max(0, tMs) / BATH_HOLD_MS) % points.length;
  return { index, celsius: points[index]! };
}

/** The final (predicted) temperature of each scenario, °C (a bath's: at power-on); null when the probe fails. */
export const THERMOMETER_SCENARIO_FINAL: Record<ThermometerScenario, number | null> = {
  normal: 36.9,
  fever: 39.2,
  'probe-error': null,
  garbage: 36.9,
  'reference-bath': 35,
  'reference-bath-0.5-high': 35.5,
};

/** The final temperature of a measurement cycle that started `tMs` after power-on. */
function finalAt(scenario: ThermometerScenario, tMs: number): number | null {
  if (!(scenario in THERMOMETER_CALIBRATION_SCENARIOS)) return THERMOMETER_SCENARIO_FINAL[scenario];
  const offset = THERMOMETER_CALIBRATION_SCENARIOS[scenario as keyof typeof THERMOMETER_CALIBRATION_SCENARIOS];
  return Math.round((bathSetting(tMs).celsius + offset) * 10) / 10;
}

/**
 * One measurement cycle, repeated so a long-running simulator serves many patients: the probe
 * warms in the mouth (live values), the prediction is shown, the probe goes back in its well.
 */
export const SURETEMP_CYCLE = { warmMs: 4000, finalMs: 6000, wellMs: 2000 } as const;
const CYCLE_MS = SURETEMP_CYCLE.warmMs + SURETEMP_CYCLE.finalMs + SURETEMP_CYCLE.wellMs;
const ROOM_C = 23.5;
/** Error code the simulator reports for 'probe-error' (the manual's code list was not available). */
export const SIM_PROBE_ERROR_CODE = 0x0004;
/** The record refreshes every 173 ms (§3.1): the sample counter follows it. */
const SAMPLE_MS = 173;

/** The probe's part of the record `t` ms into a measurement cycle ending on `final` °C (null: a failed probe). */
function probeAt(
  final: number | null,
  t: number,
): Pick<SureTempRecord, 'finalKelvin' | 'probeKelvin' | 'errorCode' | 'active'> {
  const room = { finalKelvin: 0, probeKelvin: ROOM_C + KELVIN_OFFSET, errorCode: 0, active: false };
  if (final === null) return { ...room, errorCode: SIM_PROBE_ERROR_CODE };
  const mouth = final - 0.4;
  if (t < SURETEMP_CYCLE.warmMs) {
    // The probe heats toward mouth temperature like a first-order sensor (τ = 1.2 s).
    const probe = mouth - (mouth - ROOM_C) * Math.exp(-t / 1200);
    return { finalKelvin: 0, probeKelvin: probe + KELVIN_OFFSET, errorCode: 0, active: true };
  }
  if (t < SURETEMP_CYCLE.warmMs + SURETEMP_CYCLE.finalMs)
    return { finalKelvin: final + KELVIN_OFFSET, probeKelvin: mouth + KELVIN_OFFSET, errorCode: 0, active: false };
  // Back in its well.
  return room;
}

/**
 * Welch Allyn SureTemp Plus: answers commands only (PROTOCOLS.md §3.1). "Send temperature record"
 * gets the record of the moment; "set temperature method" and "lock probe switch" get an empty
 * good response, and set-method also starts a new measurement cycle (our stand-in for the patient
 * taking the probe out of its well); anything else gets a NAK. Blocks with a bad checksum are
 * ignored, as a device would.
 */
export const welchAllynSureTempSimulator = simulatorModel(THERMOMETER_SCENARIOS, (scenario, startedAtMs) => {
  const noise = scenario === 'garbage' ? createNoise(0.3, 6) : () => new Uint8Array(0);
  const host = createSureTempDecoder();
  let cycleStart = startedAtMs;
  let method = 0;

  const recordAt = (nowMs: number): SureTempRecord => ({
    sampleCount: Math.floor((nowMs - cycleStart) / SAMPLE_MS),
    method,
    algorithm: 0,
    state: 2,
    probeType: 0,
    ...probeAt(finalAt(scenario, cycleStart - startedAtMs), (nowMs - cycleStart) % CYCLE_MS),
  });

  return {
    tickMs: 100,
    tick: () => new Uint8Array(0),
    receive(bytes, nowMs) {
      const replies: Uint8Array[] = [];
      for (const f of host.push(bytes)) {
        if (f.type !== 'status' || f.status !== 'command') continue;
        const code = Number.parseInt(String(f.detail.command), 16);
        if (code === SURETEMP_CODES.temperatureRecord) {
          replies.push(
            noise(),
            encodeSureTempBlock(code, SURETEMP_TYPE.response, encodeSureTempRecord(recordAt(nowMs))),
          );
        } else if (code === SURETEMP_CODES.setMethod || code === SURETEMP_CODES.lockProbeSwitch) {
          if (code === SURETEMP_CODES.setMethod) {
            method = Number.parseInt(String(f.detail.data).slice(0, 2) || '0', 16);
            cycleStart = nowMs;
          }
          replies.push(noise(), encodeSureTempBlock(code, SURETEMP_TYPE.response));
        } else replies.push(noise(), encodeSureTempBlock(code, SURETEMP_TYPE.nak));
      }
      return concatBytes(replies);
    },
  };
});
