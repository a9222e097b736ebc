import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { DeviceStatus } from '../../common/devices/device-status';
import type { Measurement } from '../../common/devices/measurement';
import { waitFor } from '../../drivers/devices/testing/wait-for';
import type { DeviceConfig } from '../../kiosk-config/schema';
import { startKioskDevices, type KioskDevices } from './kiosk-devices';
import { requireSocat } from '../../drivers/simulators/testing/socat-stack';

const socat = await requireSocat();

let dir: string;
let kiosk: KioskDevices | null = null;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'device-manager-pty-'));
});
afterEach(async () => {
  await kiosk?.close();
  kiosk = null;
  rmSync(dir, { recursive: true, force: true });
});

const oximeter = (scenario: string): DeviceConfig => ({
  id: 'oximeter-1',
  model: 'contec-cms50-v7',
  transport: 'serial',
  port: join(dir, 'ttyOximeter'),
  serialNumber: 'SIM-1',
  simulator: { scenario },
});
const thermometer = (scenario: string): DeviceConfig => ({
  id: 'thermometer-1',
  model: 'welch-allyn-suretemp',
  transport: 'serial',
  port: join(dir, 'ttyThermometer'),
  simulator: { scenario },
});

function connectedAll(k: KioskDevices, ids: string[]): Promise<unknown> {
  const pending = new Set(ids.filter((id) => k.manager.list().find((s) => s.deviceId === id)?.state !== 'connected'));
  if (pending.size === 0) return Promise.resolve();
  return waitFor(k.manager, 'statusChanged', (s) => {
    if (s.state === 'connected') pending.delete(s.deviceId);
    return pending.size === 0;
  });
}

socat.describe('DeviceManager with simulated devices on real ptys', () => {
  it('recovers an unplug in the middle of a stream by itself: disconnected → connected, readings resume', async () => {
    const statuses: DeviceStatus[] = [];
    kiosk = await startKioskDevices({
      config: { devices: [oximeter('normal'), thermometer('normal')] },
      record: () => undefined,
    });
    kiosk.manager.on('statusChanged', (s) => statuses.push(s));
    // Started side by side: listed in the order they came up.
    expect([...kiosk.simulators.running].sort()).toEqual(['oximeter-1', 'thermometer-1']);
    await connectedAll(kiosk, ['oximeter-1', 'thermometer-1']);
    await waitFor(kiosk.manager, 'liveReading', (r) => r.deviceId === 'oximeter-1' && r.spo2 === 98);
    await waitFor(kiosk.manager, 'pleth', (p) => p.deviceId === 'oximeter-1' && p.samples.length > 0);

    const runner = kiosk.simulators.runnerOf('oximeter-1')!;
    const gone = waitFor(
      kiosk.manager,
      'statusChanged',
      (s) => s.deviceId === 'oximeter-1' && s.state === 'disconnected',
    );
    await runner.unplug();
    const [down] = await gone;
    expect(down.reason?.code).toBe('device-unplugged');
    await runner.replug();
    await waitFor(kiosk.manager, 'statusChanged', (s) => s.deviceId === 'oximeter-1' && s.state === 'connected');
    const [after] = await waitFor(kiosk.manager, 'liveReading', (r) => r.deviceId === 'oximeter-1' && r.spo2 !== null);
    expect(after.pulseRate).toBe(72);
    // The thermometer never noticed.
    expect(statuses.filter((s) => s.deviceId === 'thermometer-1' && s.state !== 'connected')).toEqual([]);
  });

  it('records spot checks end to end: oximeter stable reading and thermometer final, recorded before announced', async () => {
    const recorded: Measurement[] = [];
    kiosk = await startKioskDevices({
      config: { devices: [oximeter('low-spo2'), thermometer('fever')] },
      record: (m) => void recorded.push(m),
    });
    await connectedAll(kiosk, ['oximeter-1', 'thermometer-1']);
    const oxRecorded = waitFor(kiosk.manager, 'measurementRecorded', (m) => m.kind === 'oximetry');
    await expect(kiosk.manager.startMeasurement('oximetry')).resolves.toEqual({ ok: true, deviceId: 'oximeter-1' });
    const [ox] = await oxRecorded;
    expect(ox).toMatchObject({
      kind: 'oximetry',
      deviceId: 'oximeter-1',
      model: 'contec-cms50-v7',
      serialNumber: 'SIM-1',
      valid: true,
      calibration: 'unknown',
    });
    expect(ox.kind === 'oximetry' && ox.spo2).toBe(87);
    const tempRecorded = waitFor(kiosk.manager, 'measurementRecorded', (m) => m.kind === 'temperature');
    await kiosk.manager.startMeasurement('temperature');
    const [temp] = await tempRecorded;
    expect(temp.kind === 'temperature' && temp.celsius).toBeCloseTo(39.2, 1);
    expect(recorded.map((m) => m.id)).toEqual([ox.id, temp.id]);
  });

  it('garbage and wrong-baud lines are errors with reasons, and a finger-out measurement fails with its code; nothing crashes', async () => {
    kiosk = await startKioskDevices({
      config: { devices: [oximeter('finger-out'), thermometer('wrong-baud')] },
      record: () => undefined,
    });
    const [thermo] = await waitFor(
      kiosk.manager,
      'statusChanged',
      (s) => s.deviceId === 'thermometer-1' && s.state === 'error',
    );
    expect(['no-response', 'unreadable-data']).toContain(thermo.reason?.code);
    await connectedAll(kiosk, ['oximeter-1']);
    const failed = waitFor(kiosk.manager, 'measurementFailed');
    await kiosk.manager.startMeasurement('oximetry');
    const [failure] = await failed;
    expect(failure).toEqual({ deviceId: 'oximeter-1', kind: 'oximetry', code: 'finger-out' });
  }, 30_000);

  it('a second kiosk on the same ports neither steals the simulator nor the port: its devices say port-unavailable', async () => {
    kiosk = await startKioskDevices({ config: { devices: [oximeter('normal')] }, record: () => undefined });
    await connectedAll(kiosk, ['oximeter-1']);
    const second = await startKioskDevices({ config: { devices: [oximeter('normal')] }, record: () => undefined });
    try {
      expect(second.simulators.running).toEqual([]);
      expect(second.manager.list()[0]).toMatchObject({ state: 'disconnected', reason: { code: 'port-unavailable' } });
      expect(kiosk.manager.list()[0]!.state).toBe('connected');
    } finally {
      await second.close();
    }
  });

  it('a configured port with nothing behind it is reported unplugged, not thrown', async () => {
    const { simulator: _s, ...bare } = oximeter('normal');
    kiosk = await startKioskDevices({ config: { devices: [bare] }, record: () => undefined });
    expect(kiosk.manager.list()[0]).toMatchObject({ state: 'disconnected', reason: { code: 'port-unavailable' } });
    await expect(kiosk.manager.startMeasurement('oximetry')).resolves.toEqual({ ok: false, code: 'device-unplugged' });
  });
});
