import { z } from 'zod';
import { DeviceModelFields } from './device-status';
import { DeviceDiagnostics, DeviceFrame } from './diagnostics';

/**
 * A technician's change of a device's serial port or model (issue 19): kept only once the device
 * on the new port, spoken to as the new model, gave a frame that decodes within the trial's time;
 * otherwise the old configuration runs on and the answer says why.
 */
export const DeviceChangeRequest = z
  .object({
    deviceId: z.string().min(1).max(40),
    /** The new port (a device path); absent: the port stays. */
    port: z.string().trim().min(1).max(200).optional(),
    /** The new model (a catalogue id of the same kind); absent: the model stays. */
    model: DeviceModelFields.model.max(60).optional(),
  })
  .strict();
export type DeviceChangeRequest = z.infer<typeof DeviceChangeRequest>;

/**
 * Why a change was not kept, for the screens' sentences and kioskctl:
 * - `no-such-port`: nothing exists at that path;
 * - `port-unavailable`: the path exists but cannot be opened as a serial port (detail says why);
 * - `no-answer`: the port opened, nothing came from it within the trial's time;
 * - `wrong-model`: bytes came, none decoded as that model's frames;
 * - `port-in-use`: another configured device is on that port;
 * - `unchanged`: the request names the port and model the device already has;
 * - `not-changeable`: the device is not on a serial port (HID, card reader, audio, camera);
 * - `unknown-model`: no such model in the catalogue, or one of another kind of device;
 * - `patient-in-session`: a patient is using the kiosk; `busy`: a calibration or trial holds it.
 */
export const DeviceChangeRefusal = z.enum([
  'no-such-port',
  'port-unavailable',
  'no-answer',
  'wrong-model',
  'port-in-use',
  'unchanged',
  'not-changeable',
  'unknown-model',
  'patient-in-session',
  'busy',
]);
export type DeviceChangeRefusal = z.infer<typeof DeviceChangeRefusal>;

export const DeviceChangeResult = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    /** The device as it runs now, on its new port / as its new model. */
    device: DeviceDiagnostics,
    /** The test reading that validated it. */
    frame: DeviceFrame,
  }),
  z.object({
    ok: z.literal(false),
    code: DeviceChangeRefusal,
    /** Technician-facing English detail (a path, an OS error), never patient data. */
    detail: z.string(),
    /** The trial's time limit, as the screen states it. */
    trialSeconds: z.number().int().positive(),
  }),
]);
export type DeviceChangeResult = z.infer<typeof DeviceChangeResult>;

/** What the technician may choose for a serial device: ports present now, models of its kind. */
export const DeviceChoices = z.object({
  deviceId: z.string(),
  /** Serial ports present on the kiosk (stable names first); the current one among them if present. */
  ports: z.array(z.string()),
  /** Catalogue models of the device's kind on a serial port, the current one included. */
  models: z.array(z.object(DeviceModelFields)),
  /** How long a trial waits for a frame that decodes. */
  trialSeconds: z.number().int().positive(),
});
export type DeviceChoices = z.infer<typeof DeviceChoices>;
