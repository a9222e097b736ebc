import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { developmentKeyFile, platformDataKey } from './platform-data-key';
import { openRecordsDatabase } from './records/records-database';

function folder() {
  const root = mkdtempSync(join(tmpdir(), 'data-key-'));
  const dataDir = join(root, 'data');
  mkdirSync(dataDir, { mode: 0o700 });
  return { root, dataDir };
}

const base64Key = () => randomBytes(32).toString('base64');

describe('the platform data key', () => {
  it('comes from PLATFORM_DATA_KEY, or a file outside the data folder readable by its owner only', () => {
    const { root, dataDir } = folder();
    const value = base64Key();
    expect(platformDataKey({ dataDir, env: { PLATFORM_DATA_KEY: value }, development: false })).toEqual({
      key: Buffer.from(value, 'base64'),
      source: 'PLATFORM_DATA_KEY',
    });
    const file = join(root, 'records.key');
    writeFileSync(file, `${value}\n`, { mode: 0o600 });
    expect(platformDataKey({ dataDir, env: { PLATFORM_DATA_KEY_FILE: file }, development: false }).key).toEqual(
      Buffer.from(value, 'base64'),
    );
  });

  it('refuses each bad key, naming the variable and what is wrong', () => {
    const { root, dataDir } = folder();
    const refused =
      (env: NodeJS.ProcessEnv, development = false) =>
      () =>
        platformDataKey({ dataDir, env, development });
    expect(refused({})).toThrow(/PLATFORM_DATA_KEY_FILE or PLATFORM_DATA_KEY: missing/);
    expect(refused({ PLATFORM_DATA_KEY: 'not base64!' })).toThrow(/PLATFORM_DATA_KEY: expected base64/);
    expect(refused({ PLATFORM_DATA_KEY: randomBytes(16).toString('base64') })).toThrow(
      /PLATFORM_DATA_KEY: expected 32 bytes in base64 .*, got 16/,
    );
    const file = join(root, 'records.key');
    writeFileSync(file, base64Key(), { mode: 0o600 });
    expect(refused({ PLATFORM_DATA_KEY: base64Key(), PLATFORM_DATA_KEY_FILE: file })).toThrow(
      /set one of them, not both/,
    );
    expect(refused({ PLATFORM_DATA_KEY_FILE: join(root, 'absent.key') })).toThrow(/cannot read .*absent\.key: ENOENT/);
    chmodSync(file, 0o644);
    expect(refused({ PLATFORM_DATA_KEY_FILE: file })).toThrow(/readable by other users; chmod 600 it/);
    const inside = join(dataDir, 'records.key');
    writeFileSync(inside, base64Key(), { mode: 0o600 });
    expect(refused({ PLATFORM_DATA_KEY_FILE: inside })).toThrow(/is inside the data folder/);
  });

  it('in development, is made once beside the data folder and read back', () => {
    const { dataDir } = folder();
    const first = platformDataKey({ dataDir, env: {}, development: true });
    const file = developmentKeyFile(dataDir);
    expect(file).toBe(`${dataDir}.key`);
    expect(first.source).toBe(`development key ${file} (new)`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')).toEqual(first.key);
    expect(platformDataKey({ dataDir, env: {}, development: true })).toEqual({
      key: first.key,
      source: `development key ${file}`,
    });
  });

  it('in development, never makes a new key for an encrypted database whose key is gone', () => {
    const { dataDir } = folder();
    openRecordsDatabase({ file: join(dataDir, 'records.sqlite'), key: randomBytes(32) }).close();
    expect(() => platformDataKey({ dataDir, env: {}, development: true })).toThrow(
      /records\.sqlite is encrypted and its development key .*data\.key is gone/,
    );
  });
});
