import { createHash } from 'node:crypto';
import { MIN_PRESCRIPTION_KEY_BYTES } from './prescription-seal';

/**
 * The development platform's key (`npm run platform`, `--dev`): fixed, so QR codes printed in
 * development stay checkable across restarts; public in this source, so never used without `--dev`.
 */
const DEVELOPMENT_KEY = createHash('sha256').update('kiosk development prescription key').digest();

/**
 * The key of the prescriptions' QR tokens from `PLATFORM_PRESCRIPTION_KEY` (base64 of at least 32
 * random bytes, e.g. `openssl rand -base64 32`); the development key only when `development` and the
 * variable is unset. Throws naming what is wrong, so a platform never starts with a weak key.
 */
export function prescriptionKey(env: NodeJS.ProcessEnv, development: boolean): Buffer {
  const value = env.PLATFORM_PRESCRIPTION_KEY;
  if (value === undefined || value === '') {
    if (development) return DEVELOPMENT_KEY;
    throw new Error(
      'PLATFORM_PRESCRIPTION_KEY: missing; set it to 32 random bytes in base64 (openssl rand -base64 32), the same on every platform node',
    );
  }
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value))
    throw new Error('PLATFORM_PRESCRIPTION_KEY: expected base64 (openssl rand -base64 32)');
  const key = Buffer.from(value, 'base64');
  if (key.length < MIN_PRESCRIPTION_KEY_BYTES)
    throw new Error(
      `PLATFORM_PRESCRIPTION_KEY: expected at least ${MIN_PRESCRIPTION_KEY_BYTES} bytes, got ${key.length}`,
    );
  return key;
}
