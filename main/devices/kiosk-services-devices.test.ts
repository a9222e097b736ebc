import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { kioskContract } from '../../common/ipc/contract';
import { DEFAULT_CONFIG_PATH, loadConfig } from '../../kiosk-config/load';
import { createKioskServices, type KioskServices } from '../kiosk-services';
import { requireSocat } from '../../drivers/simulators/testing/socat-stack';

const socat = await requireSocat();

let dir: string;
let services: KioskServices | null = null;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-services-devices-'));
});
afterEach(async () => {
  await services?.close();
  services = null;
  rmSync(dir, { recursive: true, force: true });
});

socat.describe('kiosk services with the default config (simulated devices)', () => {
  it('lists the devices, sends their status, live values and pleth to the screens within the contract, and stops the simulators on close', async () => {
    const config = loadConfig(DEFAULT_CONFIG_PATH, {
      KIOSK_RUNTIME_DIR: join(dir, 'run'),
      KIOSK_DATA_DIR: join(dir, 'data'),
    });
    services = await createKioskServices({ config, version: 'test', simulated: true });
    const seen = new Map<string, unknown[]>();
    const channels = {
      status: kioskContract.events.onDeviceStatusChanged.channel,
      live: kioskContract.events.onLiveReading.channel,
      pleth: kioskContract.events.onPlethReceived.channel,
    };
    const everything = new Promise<void>((resolve) => {
      services!.events.attach((channel, payload) => {
        seen.set(channel, [...(seen.get(channel) ?? []), payload]);
        if (
          Object.values(channels).every((c) => seen.has(c)) &&
          (seen.get(channels.live) as { deviceId: string }[]).some((l) => l.deviceId === 'thermometer-1')
        )
          resolve();
      });
    });
    await everything;
    const list = await services.handlers.listDevices({});
    expect(list.map((d) => [d.deviceId, d.kind])).toEqual([
      ['oximeter-1', 'oximeter'],
      ['thermometer-1', 'thermometer'],
      ['bp-1', 'blood-pressure'],
      ['stethoscope-1', 'stethoscope'],
      ['otoscope-1', 'exam-camera'],
    ]);
    expect(services.devices.list().find((d) => d.deviceId === 'oximeter-1')?.state).toBe('connected');
    // The simulated stethoscope and otoscope are plugged in, and the screens learn which input is each.
    expect(list.find((d) => d.deviceId === 'stethoscope-1')?.state).toBe('connected');
    expect(list.find((d) => d.deviceId === 'otoscope-1')?.state).toBe('connected');
    expect(await services.handlers.listMediaInputs({})).toEqual([
      { deviceId: 'stethoscope-1', kind: 'stethoscope', labels: ['Fake Audio Input 2'] },
      { deviceId: 'otoscope-1', kind: 'exam-camera', labels: ['fake_device_2'] },
    ]);
    const port = join(dir, 'run', 'ttyOximeter');
    expect(existsSync(port)).toBe(true);
    await services.close();
    services = null;
    expect(existsSync(port)).toBe(false);
  });
});
