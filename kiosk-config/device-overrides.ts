import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * The technician's accepted device changes (issue 19), kept in the kiosk's data folder beside its
 * store: the site's config file belongs to the installed app (read-only, replaced by updates),
 * while a port or model a technician validated with a test reading must survive a restart.
 * loadConfig lays these over the config's devices, by device id, and validates the result.
 */
export const DEVICE_OVERRIDES_NAME = 'device-overrides.json';

const Override = z
  .object({
    port: z.string().min(1).optional(),
    model: z.string().min(1).optional(),
    /** When and by whom it was accepted (the audit log has the same). */
    changedAt: z.string(),
    by: z.string(),
  })
  .strict();
export const DeviceOverrides = z.object({ devices: z.record(z.string(), Override) }).strict();
export type DeviceOverrides = z.infer<typeof DeviceOverrides>;
export type DeviceOverride = z.infer<typeof Override>;

export function deviceOverridesPath(dataDir: string): string {
  return join(dataDir, DEVICE_OVERRIDES_NAME);
}

/** The overrides of the data folder; none when the file is absent. Throws on a damaged file (named). */
export function readDeviceOverrides(dataDir: string): DeviceOverrides {
  const path = deviceOverridesPath(dataDir);
  if (!existsSync(path)) return { devices: {} };
  const parsed = DeviceOverrides.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success)
    throw new Error(`${path} is not a device overrides file: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  return parsed.data;
}

/**
 * The config's device list (raw, before validation) with the overrides laid over it. An override
 * for a device the config no longer has is left out: the site's config decides which devices exist.
 */
export function applyDeviceOverrides(devices: unknown, overrides: DeviceOverrides): unknown {
  if (!Array.isArray(devices)) return devices;
  return devices.map((device: unknown) => {
    if (device === null || typeof device !== 'object') return device;
    const id = (device as { id?: unknown }).id;
    const override = typeof id === 'string' ? overrides.devices[id] : undefined;
    if (override === undefined) return device;
    const changed: Record<string, unknown> = { ...device };
    if (override.port !== undefined) changed.port = override.port;
    if (override.model !== undefined) changed.model = override.model;
    return changed;
  });
}

/**
 * Records one device's accepted change, atomically: the whole file is written beside the old one,
 * flushed, then renamed over it, so a power cut leaves either the old overrides or the new ones.
 */
export function writeDeviceOverride(dataDir: string, deviceId: string, override: DeviceOverride): void {
  const current = readDeviceOverrides(dataDir);
  const next: DeviceOverrides = { devices: { ...current.devices, [deviceId]: override } };
  const path = deviceOverridesPath(dataDir);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
  const file = openSync(temporary, 'r+');
  try {
    fsyncSync(file);
  } finally {
    closeSync(file);
  }
  renameSync(temporary, path);
  // The rename itself is durable once the folder's entry is flushed.
  const folder = openSync(dataDir, 'r');
  try {
    fsyncSync(folder);
  } finally {
    closeSync(folder);
  }
}
