import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureKioskDirs, kioskDirs, kioskEnv, loadKioskConfig } from './kiosk-dirs';
import { ConfigError } from './load';

const dirs: string[] = [];
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-dirs-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('kioskDirs', () => {
  it('takes the options, then KIOSK_DATA_DIR / KIOSK_RUNTIME_DIR, then the development defaults', () => {
    const env = { KIOSK_DATA_DIR: '/env/data', KIOSK_RUNTIME_DIR: '/env/run' };
    expect(kioskDirs(env, { dataDir: '/opt/data', runtimeDir: '/opt/run' })).toEqual({
      dataDir: '/opt/data',
      runtimeDir: '/opt/run',
    });
    expect(kioskDirs(env)).toEqual({ dataDir: '/env/data', runtimeDir: '/env/run' });
    const defaults = kioskDirs({});
    expect(defaults.dataDir).toBe(resolve(import.meta.dirname, '..', '.kiosk-data'));
    expect(defaults.runtimeDir).toBe(join(tmpdir(), `kiosk-${process.getuid?.() ?? 'user'}`));
  });

  it("uses a shell's own defaults (the Electron shell: userData, its runtime folder inside)", () => {
    const options = { defaultDataDir: () => '/home/k/.config/kiosk', defaultRuntimeDir: (d: string) => join(d, 'run') };
    expect(kioskDirs({}, options)).toEqual({
      dataDir: '/home/k/.config/kiosk',
      runtimeDir: '/home/k/.config/kiosk/run',
    });
    expect(kioskDirs({ KIOSK_RUNTIME_DIR: '/run/kiosk' }, options).runtimeDir).toBe('/run/kiosk');
  });
});

describe('ensureKioskDirs and loadKioskConfig', () => {
  it('creates the data folder private and loads the default config with both folders filled in', () => {
    const root = scratch();
    const env = { KIOSK_DATA_DIR: join(root, 'data'), KIOSK_RUNTIME_DIR: join(root, 'run') };
    const { config, dirs: found, env: childEnv } = loadKioskConfig(undefined, env);
    expect(statSync(join(root, 'data')).mode & 0o777).toBe(0o700);
    expect(statSync(join(root, 'run')).isDirectory()).toBe(true);
    expect(found).toEqual({ dataDir: join(root, 'data'), runtimeDir: join(root, 'run') });
    expect(config.storage.dataDir).toBe(join(root, 'data'));
    expect(childEnv).toMatchObject(env);
  });

  it('names the file when the config cannot be read', () => {
    const root = scratch();
    const env = { KIOSK_DATA_DIR: join(root, 'data'), KIOSK_RUNTIME_DIR: join(root, 'run') };
    expect(() => loadKioskConfig(join(root, 'missing.json'), env)).toThrow(ConfigError);
    expect(() => loadKioskConfig(undefined, { ...env, KIOSK_CONFIG: join(root, 'nope.json') })).toThrow(/nope\.json/);
  });

  it('sets both variables for child processes', () => {
    const root = scratch();
    const found = { dataDir: join(root, 'd'), runtimeDir: join(root, 'r') };
    ensureKioskDirs(found);
    expect(kioskEnv(found, { PATH: '/bin' })).toEqual({
      PATH: '/bin',
      KIOSK_DATA_DIR: found.dataDir,
      KIOSK_RUNTIME_DIR: found.runtimeDir,
    });
  });
});
