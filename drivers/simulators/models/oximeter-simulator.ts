import type { SimulatorModel, SimulatorSession } from '../simulator-model';
import { simulatorModel } from '../simulator-model';
import { concatBytes } from '../../../common/util/bytes';
import { FrameClock } from './frame-clock';
import { createPhysiology, OXIMETER_SCENARIOS, type OximeterState } from './oximeter-physiology';
import { createNoise } from './prng';

/** What every simulated oximeter starts from; the model encodes it in its own wire format. */
export interface OximeterRun {
  readonly startedAtMs: number;
  /** The device's own frame timeline (restart it when a command starts the stream). */
  readonly clock: FrameClock;
  /** The simulated patient at clock time `t` (ms, the runner's clock). */
  sample(t: number): OximeterState;
  /** Every frame due by `nowMs`, each preceded by the scenario's line noise ('garbage' only). */
  framesDue(nowMs: number, frameAt: (t: number) => Uint8Array): Uint8Array;
}

/**
 * An oximeter simulator with frames every `periodMs`: the scenario is checked, the patient follows
 * it, and 'garbage' puts random runs of up to `noise.maxRun` bytes before a `noise.rate` share of
 * the frames. `session` builds the model's byte behaviour on top.
 */
export function oximeterSimulator(
  periodMs: number,
  session: (run: OximeterRun) => Omit<SimulatorSession, 'tickMs'>,
  noise: { rate?: number; maxRun?: number } = {},
): SimulatorModel {
  return simulatorModel(OXIMETER_SCENARIOS, (scenario, startedAtMs) => {
    const patient = createPhysiology(scenario);
    const clock = new FrameClock(periodMs, startedAtMs);
    const lineNoise = scenario === 'garbage' ? createNoise(noise.rate, noise.maxRun) : () => new Uint8Array(0);
    const run: OximeterRun = {
      startedAtMs,
      clock,
      sample: (t) => patient.sample(t - startedAtMs),
      framesDue: (nowMs, frameAt) => concatBytes(clock.due(nowMs).flatMap((t) => [lineNoise(), frameAt(t)])),
    };
    return { tickMs: periodMs, ...session(run) };
  });
}
