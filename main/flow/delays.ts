import type { KioskConfig } from '../../kiosk-config/schema';

/**
 * Every delay of the patient flow, in one table (milliseconds). The machine names them
 * (`after: { idleWarning: … }`) and the flow service builds the table from the config, so tests and
 * the field use the same machine with different numbers.
 *
 * | name               | default  | source                                   | what happens when it elapses                    |
 * |--------------------|----------|------------------------------------------|-------------------------------------------------|
 * | idleWarning        | 60 s     | config.timeouts.idleWarningSeconds       | "are you still there?" warning on form steps    |
 * | idleWipe           | 30 s     | config.timeouts.idleWipeSeconds          | the warning's countdown; at 0 the session wipes |
 * | tick               | 1 s      | fixed                                    | one second of a visible countdown               |
 * | emergencyStop      | 60 s     | fixed                                    | the "call 15 / 112" screen returns to welcome   |
 * | goodbye            | 10 s     | fixed                                    | the thanks screen returns to welcome            |
 * | awayTicket         | 60 s     | fixed                                    | the ticket screen goes to the thanks screen     |
 * | bloodPressureRest  | 180 s    | config.flow.bloodPressureRestSeconds     | seated rest before the cuff (3–5 min in field)  |
 * | spo2Settling       | 20 s     | config.flow.spo2SettlingSeconds          | settling countdown shown while the probe holds  |
 * | measurementTimeout | 180 s    | fixed                                    | a measurement with no result fails: 'timeout'   |
 */
export interface FlowDelays {
  idleWarning: number;
  idleWipe: number;
  tick: number;
  emergencyStop: number;
  goodbye: number;
  awayTicket: number;
  bloodPressureRest: number;
  spo2Settling: number;
  measurementTimeout: number;
}

export const DEFAULT_FLOW_DELAYS: FlowDelays = {
  idleWarning: 60_000,
  idleWipe: 30_000,
  tick: 1_000,
  emergencyStop: 60_000,
  goodbye: 10_000,
  awayTicket: 60_000,
  bloodPressureRest: 180_000,
  spo2Settling: 20_000,
  measurementTimeout: 180_000,
};

/** The table for a kiosk: config values where the config has them, defaults elsewhere. */
export function flowDelaysFromConfig(config: Pick<KioskConfig, 'timeouts' | 'flow'>): FlowDelays {
  return {
    ...DEFAULT_FLOW_DELAYS,
    idleWarning: config.timeouts.idleWarningSeconds * 1000,
    idleWipe: config.timeouts.idleWipeSeconds * 1000,
    bloodPressureRest: config.flow.bloodPressureRestSeconds * 1000,
    spo2Settling: config.flow.spo2SettlingSeconds * 1000,
  };
}

/** Whole seconds of a delay, for countdowns shown on screen. */
export const seconds = (ms: number): number => Math.max(0, Math.ceil(ms / 1000));
