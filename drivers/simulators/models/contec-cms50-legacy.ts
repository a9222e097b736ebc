import { contecCms50Legacy, encodeLegacyFrame } from '../../protocols/contec-cms50-legacy';
import { assertScenario, type SimulatorModel } from '../simulator-model';
import { concat, FrameClock } from './frame-clock';
import { createPhysiology, OXIMETER_SCENARIOS, type OximeterScenario } from './oximeter-physiology';
import { createNoise } from './prng';

/** 60 packets/s (PROTOCOLS.md §1.1). */
export const LEGACY_PERIOD_MS = 1000 / 60;

/**
 * Contec CMS50D+ legacy firmware: streams 5-byte packets by itself from power-on, ignores what the
 * host writes. Without a finger (or with a probe fault) it keeps streaming with the flag set.
 */
export const contecCms50LegacySimulator: SimulatorModel = {
  model: 'contec-cms50-legacy',
  serial: contecCms50Legacy.serial,
  scenarios: OXIMETER_SCENARIOS,
  create(scenario, startedAtMs) {
    assertScenario('contec-cms50-legacy', OXIMETER_SCENARIOS, scenario);
    const patient = createPhysiology(scenario as OximeterScenario);
    const clock = new FrameClock(LEGACY_PERIOD_MS, startedAtMs);
    const noise = scenario === 'garbage' ? createNoise() : () => new Uint8Array(0);
    return {
      tickMs: LEGACY_PERIOD_MS,
      tick(nowMs) {
        return concat(
          clock.due(nowMs).flatMap((t) => {
            const s = patient.sample(t - startedAtMs);
            const pleth = Math.round(s.pleth * 127);
            const packet = encodeLegacyFrame({
              beep: s.beat,
              spo2Dropping: false,
              fingerOut: s.fingerOut,
              signal: s.fingerOut || s.probeError ? 0 : Math.min(15, Math.round(s.perfusionIndex * 2)),
              pleth,
              searching: false,
              probeError: s.probeError,
              bar: Math.round((pleth / 127) * 15),
              // Without a finger the device fills PR/SpO2 with 7F (§1.1 worked example 3).
              pulseRate: s.fingerOut || s.probeError ? 0x7f : s.pulseRate,
              spo2: s.fingerOut || s.probeError ? 0x7f : s.spo2,
            });
            return [noise(), packet];
          }),
        );
      },
      receive: () => new Uint8Array(0),
    };
  },
};
