import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { resolveDataDir } from '../common/util/data-dir';
import { DEFAULT_CONFIG_PATH, loadConfig } from './load';
import type { KioskConfig } from './schema';

/** The checkout (or the installed app's folder): the development data folder sits inside it. */
const ROOT = resolve(import.meta.dirname, '..');

/** The kiosk's two folders: durable data (store, key, credential) and runtime (sockets, simulator ptys). */
export interface KioskDirs {
  dataDir: string;
  runtimeDir: string;
}

export interface KioskDirOptions {
  /** Explicit choices (command-line flags), which win over the environment. */
  dataDir?: string | undefined;
  runtimeDir?: string | undefined;
  /** Defaults other than the development ones (the Electron shell keeps its data in userData). */
  defaultDataDir?: () => string;
  defaultRuntimeDir?: (dataDir: string) => string;
}

/**
 * The kiosk's folders as every kiosk program resolves them (the web host, the Electron shell,
 * `npm start`, kioskctl): the option, else KIOSK_DATA_DIR / KIOSK_RUNTIME_DIR, else
 * `<checkout>/.kiosk-data` and `<tmp>/kiosk-<uid>`.
 */
export function kioskDirs(
  env: Readonly<Record<string, string | undefined>> = process.env,
  options: KioskDirOptions = {},
): KioskDirs {
  const dataDir = resolveDataDir({
    option: options.dataDir,
    variable: 'KIOSK_DATA_DIR',
    env,
    fallback: options.defaultDataDir ?? (() => join(ROOT, '.kiosk-data')),
  });
  const runtimeDir = resolveDataDir({
    option: options.runtimeDir,
    variable: 'KIOSK_RUNTIME_DIR',
    env,
    fallback: () => options.defaultRuntimeDir?.(dataDir) ?? join(tmpdir(), `kiosk-${process.getuid?.() ?? 'user'}`),
  });
  return { dataDir, runtimeDir };
}

/** Creates both folders (the data folder 0700: it holds the store's key) if they are missing. */
export function ensureKioskDirs(dirs: KioskDirs): void {
  mkdirSync(dirs.runtimeDir, { recursive: true });
  mkdirSync(dirs.dataDir, { recursive: true, mode: 0o700 });
}

/** The environment with both folders set, for the config's `${…}` variables and child processes. */
export function kioskEnv(dirs: KioskDirs, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...env, KIOSK_DATA_DIR: dirs.dataDir, KIOSK_RUNTIME_DIR: dirs.runtimeDir };
}

/**
 * The kiosk config as every kiosk program loads it: the file from the option, else KIOSK_CONFIG,
 * else the default config; its folders resolved and created first.
 */
export function loadKioskConfig(
  configPath: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  options: KioskDirOptions = {},
): { config: KioskConfig; dirs: KioskDirs; env: NodeJS.ProcessEnv } {
  const dirs = kioskDirs(env, options);
  ensureKioskDirs(dirs);
  const withDirs = kioskEnv(dirs, env);
  const path = configPath || env.KIOSK_CONFIG || DEFAULT_CONFIG_PATH;
  return { config: loadConfig(path, withDirs), dirs, env: withDirs };
}
