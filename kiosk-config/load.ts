import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { readCaCertificates } from './ca-file';
import {
  applyDeviceOverrides,
  deviceOverridesPath,
  readDeviceOverrides,
  type DeviceOverrides,
} from './device-overrides';
import { KioskConfig } from './schema';

export const DEFAULT_CONFIG_PATH = resolve(dirname(fileURLToPath(import.meta.url)), 'default.json');

/** A config that cannot be used; `message` names the file, the field and what was expected. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * `${KIOSK_RUNTIME_DIR}` and `${KIOSK_DATA_DIR}` in string values are replaced, so the default
 * config runs anywhere (simulator ptys, a temp data dir) without editing.
 */
export function expandVariables(value: unknown, env: Record<string, string | undefined>): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{(KIOSK_RUNTIME_DIR|KIOSK_DATA_DIR)\}/g, (_, name: string) => {
      const found = env[name];
      if (found === undefined || found === '') throw new ConfigError(`the config uses \${${name}} but it is not set`);
      return found;
    });
  }
  if (Array.isArray(value)) return value.map((v) => expandVariables(v, env));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandVariables(v, env)]));
  }
  return value;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const field = issue.path.length === 0 ? '(top level)' : issue.path.map(String).join('.');
  return `  - ${field}: ${issue.message}`;
}

/** Parses an already-read JSON value; throws ConfigError listing every bad field. */
export function parseConfig(raw: unknown, source: string, env: Record<string, string | undefined> = {}): KioskConfig {
  const result = KioskConfig.safeParse(expandVariables(raw, env));
  if (!result.success) {
    throw new ConfigError(`Invalid kiosk config ${source}:\n${result.error.issues.map(describeIssue).join('\n')}`);
  }
  // Only checked, not kept: the config stays paths, the clients read the file where they need it.
  const caFile = result.data.platform.caFile;
  if (caFile !== undefined) {
    try {
      readCaCertificates(caFile);
    } catch (error) {
      throw new ConfigError(`Invalid kiosk config ${source}:\n  - platform.caFile: ${(error as Error).message}`);
    }
  }
  return result.data;
}

export function loadConfig(path: string, env: Record<string, string | undefined> = process.env): KioskConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read kiosk config ${path}: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`Kiosk config ${path} is not valid JSON: ${(error as Error).message}`);
  }
  const config = parseConfig(raw, path, env);
  return withDeviceOverrides(config, raw, path, env);
}

/**
 * The config with the technician's accepted device changes laid over it (device-overrides.ts),
 * validated again as a whole: an override that no longer fits (a model since removed) stops
 * start-up with the file named rather than running a device as something it is not.
 */
function withDeviceOverrides(
  config: KioskConfig,
  raw: unknown,
  path: string,
  env: Record<string, string | undefined>,
): KioskConfig {
  let overrides: DeviceOverrides;
  try {
    overrides = readDeviceOverrides(config.storage.dataDir);
  } catch (error) {
    throw new ConfigError(`Cannot read the device overrides of kiosk config ${path}: ${(error as Error).message}`);
  }
  if (Object.keys(overrides.devices).length === 0 || raw === null || typeof raw !== 'object') return config;
  const devices = applyDeviceOverrides((raw as { devices?: unknown }).devices, overrides);
  return parseConfig({ ...raw, devices }, `${path} with ${deviceOverridesPath(config.storage.dataDir)}`, env);
}
