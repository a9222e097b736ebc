import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KioskStore, STORE_FILE_NAME } from './kiosk-store';
import { loadOrCreateStoreKey } from './key-file';
import { openDatabase } from './open-database';
import { SAMPLE_IDENTITY, oximetry } from '../../common/records/testing/samples';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-store-'));
  dirs.push(dir);
  return dir;
}

/** Every file SQLite may have written for the store: the database, its WAL and shared memory. */
function storeBytes(file: string): Buffer[] {
  return [file, `${file}-wal`, `${file}-shm`].filter(existsSync).map((f) => readFileSync(f));
}

describe('encryption at rest', () => {
  it('leaves no plaintext NIR, name or reading in the file, its WAL or its shared memory', () => {
    const dataDir = tempDir();
    const storage = { dataDir, keyFile: join(dataDir, 'store.key') };
    const store = KioskStore.openInDataDir(storage);
    const file = join(dataDir, STORE_FILE_NAME);
    const sessionId = randomUUID();
    store.openSession({ id: sessionId, kioskId: 'dev-kiosk-1', startedAt: '2026-03-02T09:00:00.000Z' });
    store.saveIdentity(sessionId, SAMPLE_IDENTITY);
    const reading = oximetry();
    store.recordMeasurement(sessionId, reading);

    const needles = [
      SAMPLE_IDENTITY.nir,
      SAMPLE_IDENTITY.lastName,
      SAMPLE_IDENTITY.firstName,
      reading.id,
      'SQLite format 3',
    ];
    const whileOpen = storeBytes(file);
    expect(existsSync(`${file}-wal`)).toBe(true);
    store.close();
    const afterClose = storeBytes(file);
    for (const bytes of [...whileOpen, ...afterClose]) {
      for (const needle of needles) {
        expect(bytes.includes(Buffer.from(needle, 'utf8')), `"${needle}" found in clear`).toBe(false);
        expect(bytes.includes(Buffer.from(needle, 'utf16le')), `"${needle}" found in clear (UTF-16)`).toBe(false);
      }
    }
    // The data is really there: the same key opens it.
    const reopened = KioskStore.openInDataDir(storage);
    expect(reopened.consultation(sessionId)?.identity).toEqual(SAMPLE_IDENTITY);
    reopened.close();
  });

  it('refuses to open the file without its key, or with another one', () => {
    const dataDir = tempDir();
    const storage = { dataDir, keyFile: join(dataDir, 'store.key') };
    KioskStore.openInDataDir(storage).close();
    const file = join(dataDir, STORE_FILE_NAME);
    expect(() => openDatabase(file, null)).toThrow(/does not open/);
    expect(() => KioskStore.open({ file, key: Buffer.alloc(32, 7) })).toThrow(/does not open/);
  });
});

describe('store key file', () => {
  it('is created with 32 random bytes, mode 0600, and read back unchanged', () => {
    const keyFile = join(tempDir(), 'sub', 'store.key');
    const key = loadOrCreateStoreKey(keyFile);
    expect(key).toHaveLength(32);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(loadOrCreateStoreKey(keyFile).equals(key)).toBe(true);
    expect(loadOrCreateStoreKey(join(tempDir(), 'other.key')).equals(key)).toBe(false);
  });

  it('refuses a key of the wrong size, naming the file', () => {
    const keyFile = join(tempDir(), 'store.key');
    loadOrCreateStoreKey(keyFile);
    // A truncated key must stop the kiosk, not silently create a store nobody can read later.
    writeFileSync(keyFile, 'short');
    expect(() => loadOrCreateStoreKey(keyFile)).toThrow(/store\.key holds 5 bytes, expected 32/);
  });

  it('refuses a key other users can read', () => {
    const keyFile = join(tempDir(), 'store.key');
    loadOrCreateStoreKey(keyFile);
    chmodSync(keyFile, 0o644);
    expect(() => loadOrCreateStoreKey(keyFile)).toThrow(/readable by other users/);
  });
});
