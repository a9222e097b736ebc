import type { CalibrationState } from '../../common/devices/device-status';
import type { Measurement } from '../../common/devices/measurement';
import type { Clock } from '../../common/util/clock';
import { withCalibration, type CalibrationProvider } from './calibration';

/** The calibration checks of one device as the maintenance register keeps them. */
export interface CalibrationSource {
  /** Oldest first (DeviceRegister.listCalibrations). */
  listCalibrations(
    deviceId: string,
  ): readonly { performedAt: string; validUntil: string | null; result: 'passed' | 'failed' }[];
}

/**
 * Calibration state from the maintenance register: the newest check decides — 'failed' when it
 * failed, 'expired' once its validUntil passed, else 'valid'; 'unknown' without any check (the
 * device stays usable and the doctor sees it). Looked up on each call: a technician's new check
 * counts at once.
 */
export class RegisterCalibration implements CalibrationProvider {
  constructor(
    private readonly source: CalibrationSource,
    private readonly clock: Clock,
  ) {}

  stateOf(deviceId: string): CalibrationState {
    const checks = this.source.listCalibrations(deviceId);
    const newest = checks[checks.length - 1];
    if (newest === undefined) return 'unknown';
    if (newest.result === 'failed') return 'failed';
    if (newest.validUntil !== null && Date.parse(newest.validUntil) <= this.clock.now()) return 'expired';
    return 'valid';
  }

  apply(m: Measurement): Measurement {
    return withCalibration(m, this.stateOf(m.deviceId));
  }
}
