/**
 * Pure byte behaviour of one simulated serial device model: no I/O, no timers (the runner drives
 * time). Its line settings are the model's, in the device catalogue (drivers/catalogue).
 */
export interface SimulatorModel {
  /** Model-level scenarios, e.g. 'normal','low-spo2','tachycardia','finger-out','probe-error','garbage'. */
  readonly scenarios: readonly string[];
  /**
   * A new simulated device as powered on at `startedAtMs` (ms, the runner's clock).
   * @throws Error on an unknown scenario, with a message listing the valid ones.
   */
  create(scenario: string, startedAtMs: number): SimulatorSession;
}

export interface SimulatorSession {
  /** How often the runner calls tick (the device's real frame rate, e.g. 1000/60 ms). */
  readonly tickMs: number;
  /**
   * Bytes the device sends spontaneously at this time (may be empty: e.g. before a start command).
   * Frames are scheduled on the device's own timeline: a late call returns every frame due since
   * the previous one (at most one second's worth), so the byte rate stays right under timer jitter.
   */
  tick(nowMs: number): Uint8Array;
  /** Bytes the host wrote; returns the device's immediate reply bytes (may be empty). */
  receive(bytes: Uint8Array, nowMs: number): Uint8Array;
}

/** Throws the error `create` promises for an unknown scenario. */
export function assertScenario(scenarios: readonly string[], scenario: string): void {
  if (!scenarios.includes(scenario)) {
    throw new Error(`unknown scenario "${scenario}"; valid scenarios: ${scenarios.join(', ')}`);
  }
}

/** A simulator whose `create` only ever sees one of its own `scenarios` (the others throw). */
export function simulatorModel<S extends string>(
  scenarios: readonly S[],
  create: (scenario: S, startedAtMs: number) => SimulatorSession,
): SimulatorModel {
  return {
    scenarios,
    create(scenario, startedAtMs) {
      assertScenario(scenarios, scenario);
      return create(scenario as S, startedAtMs);
    },
  };
}
