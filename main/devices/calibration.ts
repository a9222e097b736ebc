import type { CalibrationState } from '../../common/devices/device-status';
import type { Measurement } from '../../common/devices/measurement';

/**
 * Where the device manager learns each device's calibration state and stamps it on readings.
 * The store engineer's persisted register implements this later; `InMemoryCalibration` serves
 * until then (and in tests).
 */
export interface CalibrationProvider {
  /** The device's calibration as the technician register says it is now. */
  stateOf(deviceId: string): CalibrationState;
  /** The measurement with its calibration state (and any correction) applied. */
  apply(m: Measurement): Measurement;
}

/** True when a device in this state must not measure patients. */
export function calibrationBlocks(state: CalibrationState): boolean {
  return state === 'expired' || state === 'failed';
}

/** The measurement stamped with its device's calibration state, flagged when that state blocks it. */
export function withCalibration(m: Measurement, calibration: CalibrationState): Measurement {
  const flags =
    calibrationBlocks(calibration) && !m.flags.includes('calibration-expired')
      ? [...m.flags, 'calibration-expired' as const]
      : m.flags;
  return { ...m, calibration, flags };
}

/**
 * Calibration states kept in memory, seeded from config or a test; devices without an entry get
 * `fallback` ('unknown' by default: usable, shown as such to the doctor).
 */
export class InMemoryCalibration implements CalibrationProvider {
  private readonly states = new Map<string, CalibrationState>();

  constructor(
    initial: Record<string, CalibrationState> = {},
    private readonly fallback: CalibrationState = 'unknown',
  ) {
    for (const [id, state] of Object.entries(initial)) this.states.set(id, state);
  }

  set(deviceId: string, state: CalibrationState): void {
    this.states.set(deviceId, state);
  }

  stateOf(deviceId: string): CalibrationState {
    return this.states.get(deviceId) ?? this.fallback;
  }

  apply(m: Measurement): Measurement {
    return withCalibration(m, this.stateOf(m.deviceId));
  }
}
