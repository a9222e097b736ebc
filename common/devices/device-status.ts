import { z } from 'zod';
import { DEVICE_MODEL_IDS } from './device-models';

/** Calibration state of a device as the technician register says it is. */
export const CalibrationState = z.enum(['valid', 'expired', 'failed', 'unknown']);
export type CalibrationState = z.infer<typeof CalibrationState>;

/**
 * Live status of one configured device, as the device manager reports it.
 * `reason.code` is stable (for the UI's translations and the technician's logs);
 * `reason.detail` is technician-facing English and never carries patient data.
 */
export const DeviceStatus = z.object({
  deviceId: z.string(),
  model: z.enum(DEVICE_MODEL_IDS),
  kind: z.enum(['oximeter', 'thermometer', 'blood-pressure', 'card-reader']),
  state: z.enum(['connecting', 'connected', 'disconnected', 'error', 'unavailable']),
  reason: z.object({ code: z.string(), detail: z.string() }).nullable(),
  calibration: CalibrationState,
  /** ISO 8601 time of the last state change. */
  since: z.string(),
});
export type DeviceStatus = z.infer<typeof DeviceStatus>;
