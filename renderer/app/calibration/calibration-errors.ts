import { KioskApiError } from '../../../common/ipc/envelope';

/** Refusals of the kiosk API the wizard explains in words (`calibration.error.<code>`). */
const KNOWN_ERRORS = [
  'forbidden',
  'patient-in-session',
  'unknown-device',
  'not-calibratable',
  'no-wizard',
  'not-found',
];

/** The translation key of what to tell the technician when the kiosk refused or could not answer. */
export function errorKey(error: unknown): string {
  const code = error instanceof KioskApiError ? error.code : null;
  return code !== null && KNOWN_ERRORS.includes(code) ? `calibration.error.${code}` : 'staff.unavailable';
}
