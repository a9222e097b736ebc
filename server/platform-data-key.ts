import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { RECORDS_FILE_NAME, recordsFileState } from './records/records-database';

/** The records database's key: 32 random bytes (a raw 256-bit SQLCipher key, as the kiosk's store). */
export const DATA_KEY_BYTES = 32;

export const DATA_KEY_ENV = { key: 'PLATFORM_DATA_KEY', file: 'PLATFORM_DATA_KEY_FILE' } as const;

const HOW = 'openssl rand -base64 32';

/**
 * Where the development platform keeps the key it makes for itself: beside the data folder, never
 * in it (`.kiosk-data/platform.key` for `npm start`, `.platform-data.key` for `npm run platform`).
 */
export function developmentKeyFile(dataDir: string): string {
  return `${resolve(dataDir)}.key`;
}

/** The key, and where it came from (for the start-up line; never the key itself). */
export interface DataKey {
  key: Buffer;
  source: string;
}

function decode(text: string, name: string): Buffer {
  const value = text.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value)) throw new Error(`${name}: expected base64 (${HOW})`);
  const key = Buffer.from(value, 'base64');
  if (key.length !== DATA_KEY_BYTES)
    throw new Error(`${name}: expected ${DATA_KEY_BYTES} bytes in base64 (${HOW}), got ${key.length}`);
  return key;
}

function isInside(dir: string, file: string): boolean {
  const path = relative(resolve(dir), resolve(file));
  return path === '' || (!path.startsWith('..') && !isAbsolute(path));
}

/** Reads a key file: outside the data folder, readable by its owner only, base64 of 32 bytes. */
function readKeyFile(file: string, dataDir: string, name: string): Buffer {
  if (isInside(dataDir, file))
    throw new Error(
      `${name}: ${file} is inside the data folder ${dataDir}; keep the key elsewhere (a copy of the folder must not carry its key)`,
    );
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(
      `${name}: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  if ((statSync(file).mode & 0o077) !== 0) throw new Error(`${name}: ${file} is readable by other users; chmod 600 it`);
  return decode(text, `${name} (${file})`);
}

/**
 * The key the records database (records, reports, prescriptions, access log) is encrypted with:
 * `PLATFORM_DATA_KEY` (base64 of 32 random bytes) or `PLATFORM_DATA_KEY_FILE` (a file holding
 * that, outside the data folder, mode 0600). Without either, `development` uses the development key
 * file beside the data folder, made on the first start — but never while an encrypted database is
 * there, whose key that new one could not be: a lost key is an error, not a new empty database.
 * Throws naming the variable and what is wrong.
 */
export function platformDataKey(options: { dataDir: string; env: NodeJS.ProcessEnv; development: boolean }): DataKey {
  const { dataDir, env } = options;
  const value = env[DATA_KEY_ENV.key] || undefined;
  const file = env[DATA_KEY_ENV.file] || undefined;
  if (value && file) throw new Error(`${DATA_KEY_ENV.key} and ${DATA_KEY_ENV.file}: set one of them, not both`);
  if (value) return { key: decode(value, DATA_KEY_ENV.key), source: DATA_KEY_ENV.key };
  if (file) return { key: readKeyFile(file, dataDir, DATA_KEY_ENV.file), source: `${DATA_KEY_ENV.file} ${file}` };
  const missing = `${DATA_KEY_ENV.file} or ${DATA_KEY_ENV.key}: missing; the records are encrypted with this key (32 random bytes in base64, ${HOW}), kept outside the data folder`;
  if (!options.development) throw new Error(missing);
  const devFile = developmentKeyFile(dataDir);
  if (existsSync(devFile))
    return { key: readKeyFile(devFile, dataDir, 'the development data key'), source: `development key ${devFile}` };
  const database = join(dataDir, RECORDS_FILE_NAME);
  if (recordsFileState(database) === 'encrypted')
    throw new Error(
      `${missing}. ${database} is encrypted and its development key ${devFile} is gone: restore that file, or set the key it was made with`,
    );
  const key = randomBytes(DATA_KEY_BYTES);
  mkdirSync(dirname(devFile), { recursive: true, mode: 0o700 });
  // 'wx': a platform and an admin command starting together keep the first one's key.
  try {
    writeFileSync(devFile, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (raced) {
    if ((raced as NodeJS.ErrnoException).code !== 'EEXIST') throw raced;
    return platformDataKey(options);
  }
  return { key, source: `development key ${devFile} (new)` };
}
