import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deviceOverridesPath, readDeviceOverrides, writeDeviceOverride } from './device-overrides';
import { DEFAULT_CONFIG_PATH, loadConfig } from './load';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'device-overrides-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const env = () => ({ KIOSK_RUNTIME_DIR: '/run/kiosk', KIOSK_DATA_DIR: dir });
const by = { changedAt: '2026-12-06T01:00:00.000Z', by: 'technician:tech.dev' };

describe('the technician’s accepted device changes, laid over the site’s config', () => {
  it('loads the config with the accepted port and model, leaving the other devices as configured', () => {
    writeDeviceOverride(dir, 'oximeter-1', { port: '/dev/kiosk-oximeter', model: 'nonin-format2', ...by });
    writeDeviceOverride(dir, 'thermometer-1', { port: '/dev/ttyUSB1', ...by });
    const config = loadConfig(DEFAULT_CONFIG_PATH, env());
    expect(config.devices.find((d) => d.id === 'oximeter-1')).toMatchObject({
      port: '/dev/kiosk-oximeter',
      model: 'nonin-format2',
    });
    expect(config.devices.find((d) => d.id === 'thermometer-1')).toMatchObject({
      port: '/dev/ttyUSB1',
      model: 'welch-allyn-suretemp',
    });
    expect(config.devices.find((d) => d.id === 'bp-1')).toMatchObject({ vendorId: '0590' });
    // Written whole then renamed: no temporary file is left beside it.
    expect(readdirSync(dir)).toEqual(['device-overrides.json']);
    expect(readDeviceOverrides(dir).devices['thermometer-1']).toEqual({ port: '/dev/ttyUSB1', ...by });
  });

  it('ignores an override of a device the config no longer has', () => {
    writeDeviceOverride(dir, 'oximeter-9', { port: '/dev/ttyUSB9', ...by });
    expect(loadConfig(DEFAULT_CONFIG_PATH, env()).devices.map((d) => d.id)).not.toContain('oximeter-9');
  });

  it('stops start-up naming the file when it is damaged or no longer fits the config', () => {
    writeFileSync(deviceOverridesPath(dir), '{"devices": {"oximeter-1": {"port": 3}}}');
    expect(() => loadConfig(DEFAULT_CONFIG_PATH, env())).toThrowError(/device overrides.*device-overrides\.json/s);
    writeFileSync(
      deviceOverridesPath(dir),
      JSON.stringify({ devices: { 'oximeter-1': { model: 'omron-hem7322u', ...by } } }),
    );
    expect(() => loadConfig(DEFAULT_CONFIG_PATH, env())).toThrowError(
      /device-overrides\.json[\s\S]*omron-hem7322u is a hid device, not serial/,
    );
  });
});
