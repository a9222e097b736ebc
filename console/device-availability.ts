import type { DeviceStatus } from '../common/devices/device-status';

/**
 * Whether the doctor can rely on the kiosk's device of a kind, in the console's words:
 * - `absent`: the kiosk reports no such device, and no reading of it came;
 * - `not-connected`: unplugged, in error, or unavailable (`state` says which);
 * - `out-of-service`: its calibration expired or failed (the kiosk refuses it to patients);
 * - `connecting`: opening, not usable yet but not broken;
 * - `unreported`: readings came but the kiosk sent no status for it;
 * - `ready`: connected, calibration valid or not recorded (an unknown calibration is said as such,
 *   never as unavailable: the device works, nobody entered its calibration in the register).
 */
export type Availability =
  | { status: 'absent' }
  | { status: 'not-connected'; state: DeviceStatus['state'] }
  | { status: 'out-of-service'; calibration: 'expired' | 'failed' }
  | { status: 'connecting' }
  | { status: 'unreported' }
  | { status: 'ready' };

export function availability(device: DeviceStatus | undefined, hasReadings: boolean): Availability {
  if (!device) return hasReadings ? { status: 'unreported' } : { status: 'absent' };
  if (device.calibration === 'expired' || device.calibration === 'failed')
    return { status: 'out-of-service', calibration: device.calibration };
  if (device.state === 'connecting') return { status: 'connecting' };
  if (device.state !== 'connected') return { status: 'not-connected', state: device.state };
  return { status: 'ready' };
}

/** The states the doctor must not rely on (the panel marks them unavailable). */
export const isUnavailable = (a: Availability): boolean =>
  a.status === 'absent' || a.status === 'not-connected' || a.status === 'out-of-service';
