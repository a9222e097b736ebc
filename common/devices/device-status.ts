import { z } from 'zod';

/** Calibration state of a device as the technician register says it is. */
export const CalibrationState = z.enum(['valid', 'expired', 'failed', 'unknown']);
export type CalibrationState = z.infer<typeof CalibrationState>;

/**
 * What a device is for; each model of the kiosk's device catalogue is of one kind. The stethoscope
 * takes no reading of its own: its sound goes to the doctor live (common/auscultation); nor does the
 * examination camera (otoscope, dermatoscope), whose video goes to the doctor, who keeps stills.
 */
export const DeviceKind = z.enum([
  'oximeter',
  'thermometer',
  'blood-pressure',
  'card-reader',
  'stethoscope',
  'exam-camera',
]);
export type DeviceKind = z.infer<typeof DeviceKind>;

/**
 * A device model as it travels: the id from the kiosk's device catalogue (drivers/catalogue) and
 * the name people read. The screens and the platform take both as given: they never list models,
 * so a kiosk can bring a model the platform has not heard of.
 */
export const DeviceModelFields = {
  model: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a device model id such as "contec-cms50-v7"'),
  modelName: z.string().min(1),
};

/**
 * Live status of one configured device, as the device manager reports it.
 * `reason.code` is stable (for the UI's translations and the technician's logs);
 * `reason.detail` is technician-facing English and never carries patient data.
 */
export const DeviceStatus = z.object({
  deviceId: z.string(),
  ...DeviceModelFields,
  kind: DeviceKind,
  state: z.enum(['connecting', 'connected', 'disconnected', 'error', 'unavailable']),
  reason: z.object({ code: z.string(), detail: z.string() }).nullable(),
  calibration: CalibrationState,
  /** ISO 8601 time of the last state change. */
  since: z.string(),
});
export type DeviceStatus = z.infer<typeof DeviceStatus>;
