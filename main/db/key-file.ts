import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Length of the store's encryption key: 32 random bytes (a raw 256-bit SQLCipher key). */
export const STORE_KEY_BYTES = 32;

/**
 * Reads the store's key from `path`, creating it (mode 0600, 32 random bytes) when missing. The key
 * never enters the config or a log. Throws, naming the file, when it exists with the wrong size or
 * is readable by others (a key anyone can read protects nothing).
 */
export function loadOrCreateStoreKey(path: string): Buffer {
  let key: Buffer;
  try {
    key = readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new Error(`cannot read the store key ${path}: ${(error as Error).message}`);
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    key = randomBytes(STORE_KEY_BYTES);
    // 'wx' fails if another process created it meanwhile: then read theirs instead of overwriting.
    try {
      writeFileSync(path, key, { mode: 0o600, flag: 'wx' });
      chmodSync(path, 0o600);
    } catch (raced) {
      if ((raced as NodeJS.ErrnoException).code !== 'EEXIST') throw raced;
      return loadOrCreateStoreKey(path);
    }
    return key;
  }
  if (key.length !== STORE_KEY_BYTES)
    throw new Error(`the store key ${path} holds ${key.length} bytes, expected ${STORE_KEY_BYTES}`);
  if ((statSync(path).mode & 0o077) !== 0)
    throw new Error(`the store key ${path} is readable by other users; chmod 600 it`);
  return key;
}
