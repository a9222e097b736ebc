import { describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../common/devices/device-status';
import type { Measurement } from '../../common/devices/measurement';
import { ManualClock } from '../../common/util/testing/manual-clock';
import { fakeHidOpener } from '../../drivers/transport/hid/fake-hid-device';
import { DEFAULT_CONFIG_PATH, loadConfig } from '../../kiosk-config/load';
import type { DeviceConfig } from '../../kiosk-config/schema';
import { startKioskDevices } from './kiosk-devices';

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The default config's simulated blood-pressure monitor (bp-1), with another scenario if asked. */
function bp1(scenario?: string): DeviceConfig {
  const config = loadConfig(DEFAULT_CONFIG_PATH, { KIOSK_RUNTIME_DIR: '/tmp/unused', KIOSK_DATA_DIR: '/tmp/unused' });
  const device = config.devices.find((d) => d.id === 'bp-1');
  if (device === undefined) throw new Error('the default config has no bp-1');
  return scenario === undefined ? device : { ...device, simulator: { scenario } };
}

async function start(devices: DeviceConfig[], openHid?: ReturnType<typeof fakeHidOpener>['open']) {
  const clock = new ManualClock();
  const recorded: Measurement[] = [];
  const kiosk = await startKioskDevices({
    config: { devices },
    record: (m) => void recorded.push(m),
    clock,
    ...(openHid === undefined ? {} : { openHid }),
  });
  const events: string[] = [];
  const statuses: DeviceStatus[] = [];
  kiosk.manager.on('measurementRecorded', (m) => events.push(`recorded ${m.kind}`));
  kiosk.manager.on('measurementFailed', (f) => events.push(`failed ${f.code}`));
  kiosk.manager.on('statusChanged', (s) => statuses.push(s));
  const run = async (until: () => boolean, maxMs = 60_000) => {
    for (let t = 0; t < maxMs && !until(); t += 250) {
      clock.advance(250);
      await flush();
    }
  };
  return { clock, kiosk, recorded, events, statuses, run };
}

describe('DeviceManager with the simulated HID blood-pressure monitor (default config bp-1)', () => {
  it('downloads the record from the simulated HEM-7322U and announces it as measurementRecorded', async () => {
    const t = await start([bp1()]);
    expect(t.kiosk.simulators.hidRunning).toEqual(['bp-1']);
    expect(t.kiosk.manager.list()[0]).toMatchObject({ deviceId: 'bp-1', kind: 'blood-pressure', state: 'connected' });
    const announced = new Promise<Measurement>((resolve) => t.kiosk.manager.once('measurementRecorded', resolve));
    await expect(t.kiosk.manager.startMeasurement('blood-pressure')).resolves.toEqual({ ok: true, deviceId: 'bp-1' });
    await t.run(() => t.events.length > 0);
    const measurement = await announced;
    expect(measurement).toMatchObject({
      kind: 'blood-pressure',
      deviceId: 'bp-1',
      model: 'omron-hem7322u',
      serialNumber: 'SIM-HEM7322U-0001',
      systolic: 122,
      diastolic: 78,
      pulseRate: 68,
      valid: true,
    });
    expect(t.recorded).toEqual([measurement]);
    await t.kiosk.close();
  });

  it('an unplug mid-download fails the measurement; the manager reconnects after the replug and the next one is recorded', async () => {
    const t = await start([bp1('unplug')]);
    await t.kiosk.manager.startMeasurement('blood-pressure');
    await t.run(() => t.events.length > 0);
    expect(t.events).toEqual(['failed device-unplugged']);
    expect(t.kiosk.manager.list()[0]).toMatchObject({ state: 'disconnected', reason: { code: 'device-unplugged' } });
    // The simulator replugs after 3 s; the manager's backoff (0.5, 1, 2, 4 s…) finds it, no restart.
    await t.run(() => t.kiosk.manager.list()[0]!.state === 'connected', 10_000);
    expect(t.statuses.map((s) => s.state)).toContain('connected');
    expect(t.kiosk.manager.list()[0]!.state).toBe('connected');
    await expect(t.kiosk.manager.startMeasurement('blood-pressure')).resolves.toMatchObject({ ok: true });
    await t.run(() => t.events.length > 1);
    expect(t.events).toEqual(['failed device-unplugged', 'recorded blood-pressure']);
    expect(t.recorded).toHaveLength(1);
    await t.kiosk.close();
  });

  it('routes HID devices without a simulator to the given opener (node-hid in production)', async () => {
    const hid = fakeHidOpener();
    const { simulator: _simulator, ...real } = bp1();
    const t = await start([{ ...real, id: 'bp-2' }], hid.open);
    expect(t.kiosk.simulators.hidRunning).toEqual([]);
    expect(hid.opened.map((d) => d.selector)).toEqual([{ vendorId: 0x0590, productId: 0x0090, path: undefined }]);
    await t.kiosk.close();
  });
});

describe('createKioskDevice for the Omron models', () => {
  it('builds the HID blood-pressure monitor and refuses a serial configuration with a message', async () => {
    const { createKioskDevice } = await import('./device-factories');
    const clock = new ManualClock();
    const deps = {
      clock,
      logger: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
      openSerial: () => Promise.reject(new Error('unused')),
      openHid: null,
    };
    expect(createKioskDevice(bp1(), deps)?.model).toBe('omron-hem7322u');
    const serial = {
      id: 'x',
      model: 'omron-hem790it',
      transport: 'serial',
      port: '/dev/null',
    } as unknown as DeviceConfig;
    expect(() => createKioskDevice(serial, deps)).toThrow(
      'device x: model omron-hem790it is a hid device, got transport serial',
    );
  });
});
