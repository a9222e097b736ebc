import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * The platform's signing secret (kiosk credentials and call tokens are HMACs under it), kept in a
 * 0600 file created on first start. Rotating it revokes every kiosk credential.
 */
export function loadOrCreateSecret(file: string): Buffer {
  if (existsSync(file)) {
    const secret = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (secret.length < 32) throw new Error(`platform secret ${file} is too short (expected 32+ bytes, base64)`);
    return secret;
  }
  const secret = randomBytes(32);
  writeFileSync(file, secret.toString('base64'), { mode: 0o600, flag: 'wx' });
  return secret;
}
