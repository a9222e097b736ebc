/**
 * The status reason codes the device layer reports, with what they mean to a patient (French, the
 * screens translate by code — these are the reference wording) and to a technician. `detail` in a
 * DeviceStatus adds the specifics (port path, error text) to the technician line.
 */
export const DEVICE_STATUS_REASONS = {
  'device-unplugged': {
    patient: "L'appareil est débranché.",
    technician: 'The device went away (serial port, USB adapter or USB cable unplugged); reconnecting with backoff.',
  },
  'usb-absent': {
    patient: "L'appareil n'est pas branché.",
    technician:
      'No USB device with the configured vendor and product ids is attached (lsusb lists what is); checking again with backoff.',
  },
  'port-unavailable': {
    patient: "L'appareil n'est pas branché.",
    technician: 'The configured port cannot be opened (missing, busy or no permission); retrying with backoff.',
  },
  'no-data': {
    patient: "L'appareil ne répond pas. Vérifiez qu'il est allumé.",
    technician: 'The port is open but the device sends nothing (off, asleep, or not started).',
  },
  'unreadable-data': {
    patient: "L'appareil ne répond pas correctement.",
    technician: 'Bytes arrive but none decode: wrong baud rate, wrong model in the config, or a damaged cable.',
  },
  'no-response': { patient: "L'appareil ne répond pas.", technician: 'Commands get no reply in time.' },
  'hid-library-missing': {
    patient: "Cet appareil n'est pas disponible.",
    technician:
      'node-hid cannot load its native library: install the Debian package libusb-1.0-0 (and libudev1), then restart the kiosk.',
  },
  'no-protocol': {
    patient: "Cet appareil n'est pas disponible.",
    technician: 'No protocol module is registered for the configured model.',
  },
  'no-driver': {
    patient: "Cet appareil n'est pas disponible.",
    technician: 'No device driver is registered for the configured model.',
  },
  'driver-failed': {
    patient: "L'appareil a rencontré un problème.",
    technician: 'The device driver threw; it was isolated and will be retried.',
  },
  'calibration-expired': {
    patient: "Cet appareil n'est pas disponible pour le moment.",
    technician: 'Calibration expired or failed in the maintenance register: the device is withheld from patients.',
  },
} as const satisfies Record<string, { patient: string; technician: string }>;

export type DeviceStatusCode = keyof typeof DEVICE_STATUS_REASONS;

/** A technician line for a code, with the specifics appended. */
export function technicianDetail(code: string, specifics: string): string {
  const known = (DEVICE_STATUS_REASONS as Record<string, { technician: string } | undefined>)[code];
  if (known === undefined) return specifics;
  return specifics === '' ? known.technician : `${known.technician} ${specifics}`;
}
