import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * PINs of the pharmacist and the technician are stored as scrypt hashes in the config
 * (`scrypt$N$r$p$salt$hash`, base64), never in clear. Verification is constant-time.
 */
const N = 16384;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

export function hashPin(pin: string, salt: Buffer = randomBytes(16)): string {
  if (!/^\d{4,12}$/.test(pin)) throw new Error('A PIN is 4 to 12 digits');
  const hash = scryptSync(pin, salt, KEY_LENGTH, { N, r: R, p: P });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function verifyPin(pin: string, stored: string): boolean {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, salt, expected] = parts as [string, string, string, string, string, string];
  const want = Buffer.from(expected, 'base64');
  const got = scryptSync(pin, Buffer.from(salt, 'base64'), want.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return got.length === want.length && timingSafeEqual(got, want);
}

export function verifyAnyPin(pin: string, hashes: readonly string[]): boolean {
  // Check every hash so the time taken does not tell which one matched.
  return hashes.map((h) => verifyPin(pin, h)).some(Boolean);
}
