import { randomUUID } from 'node:crypto';
import type { DeviceStatus } from '../../common/devices/device-status';
import type { LiveReading } from '../../common/devices/live-reading';
import { modelFields } from '../../drivers/catalogue/device-catalogue';
import type { DeviceReading } from '../../drivers/devices/device';
import type { DeviceConfig } from '../../kiosk-config/schema';

/**
 * What a device's reading becomes on its way out of the device manager: a final reading the
 * candidate of a stored `Measurement` (checked by its schema afterwards), a running one a
 * `LiveReading` for the screens. Pure shapes, kept apart from the manager's device lifecycle.
 */

/** The unchecked measurement a final reading stands for; `Measurement.safeParse` decides. */
export function measurementCandidate(
  config: DeviceConfig,
  reading: DeviceReading,
  calibration: DeviceStatus['calibration'],
): unknown {
  const common = {
    id: randomUUID(),
    deviceId: config.id,
    ...modelFields(config.model),
    serialNumber: config.serialNumber ?? null,
    takenAt: reading.takenAt,
    flags: reading.flags,
    valid: reading.valid,
    calibration,
  };
  if (reading.type === 'oximetry')
    return {
      ...common,
      kind: 'oximetry',
      spo2: reading.spo2,
      pulseRate: reading.pulseRate,
      perfusionIndex: reading.perfusionIndex,
    };
  if (reading.type === 'temperature') return { ...common, kind: 'temperature', celsius: reading.celsius, site: null };
  return {
    ...common,
    kind: 'blood-pressure',
    systolic: reading.systolic,
    diastolic: reading.diastolic,
    mean: reading.mean,
    pulseRate: reading.pulseRate,
  };
}

/** The running value the screens show while a measurement is in progress. */
export function liveReadingOf(deviceId: string, reading: DeviceReading, now: number): LiveReading {
  const at = Date.parse(reading.takenAt);
  const live: LiveReading = {
    deviceId,
    kind: reading.type,
    at: Number.isNaN(at) ? now : at,
    flags: reading.flags,
    progress: reading.progress ?? null,
  };
  if (reading.type === 'oximetry') Object.assign(live, { spo2: reading.spo2, pulseRate: reading.pulseRate });
  else if (reading.type === 'temperature') Object.assign(live, { celsius: reading.celsius });
  else Object.assign(live, { cuffPressure: reading.systolic, pulseRate: reading.pulseRate });
  return live;
}

/** Two running values with the same key look the same on screen (progress to the tenth). */
export function liveChangeKey(live: LiveReading): string {
  return JSON.stringify([
    live.spo2,
    live.pulseRate,
    live.celsius,
    live.cuffPressure,
    live.flags,
    live.progress === null ? null : Math.floor(live.progress * 10),
  ]);
}
