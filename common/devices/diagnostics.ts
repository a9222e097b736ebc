import { z } from 'zod';
import { DeviceStatus } from './device-status';

/**
 * A device as the technician's diagnostics show it while the kiosk runs (issue 19): what it is
 * (model, serial, firmware when known, port), its live state, and its calibration's last and next
 * dates. No reading, no patient data.
 */
export const DeviceDiagnostics = DeviceStatus.extend({
  transport: z.string(),
  /** The serial number the config gives for the unit; null when not set. */
  serialNumber: z.string().nullable(),
  /** The firmware version when the config or the device gives one; null when unknown. */
  firmware: z.string().nullable(),
  /** Serial port, HID path or USB ids, whichever the transport uses. */
  port: z.string().nullable(),
  lastCalibration: z.object({ performedAt: z.string(), result: z.enum(['passed', 'failed']) }).nullable(),
  /** When the next calibration is due (ISO); null when none was recorded or the last one failed. */
  nextCalibration: z.string().nullable(),
});
export type DeviceDiagnostics = z.infer<typeof DeviceDiagnostics>;

/** One frame a device sent, live: its raw bytes in hex beside what the driver decoded. */
export const DeviceFrame = z.object({
  deviceId: z.string(),
  /** ISO 8601, when the kiosk decoded it. */
  at: z.string(),
  /** Raw bytes, upper-case hex separated by spaces. */
  hex: z.string(),
  /** The decoding in short, as a technician reads it (e.g. "oximetry spo2=97 pulse=72"). */
  decoded: z.string(),
  /** The driver could not decode it (checksum, framing). */
  error: z.boolean(),
});
export type DeviceFrame = z.infer<typeof DeviceFrame>;

/** Which device's frames the technician's monitor streams (null: none). */
export const MonitorRequest = z.object({ deviceId: z.string().min(1).max(40).nullable() }).strict();
