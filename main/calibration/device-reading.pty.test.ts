import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Measurement } from '../../common/devices/measurement';
import { systemClock } from '../../common/util/clock';
import { waitFor } from '../../drivers/devices/testing/wait-for';
import { requireSocat } from '../../drivers/simulators/testing/socat-stack';
import { PATIENT_SIMULATOR_HOLD_MS } from '../../drivers/simulators/models/oximeter-physiology';
import type { DeviceConfig } from '../../kiosk-config/schema';
import { startKioskDevices, type KioskDevices } from '../devices/kiosk-devices';
import { DeviceReadingError } from './calibration-wizard';
import { readDeviceForCalibration } from './device-reading';

const socat = await requireSocat();

let dir: string;
let kiosk: KioskDevices | null = null;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'calibration-reading-'));
});
afterEach(async () => {
  await kiosk?.close();
  kiosk = null;
  rmSync(dir, { recursive: true, force: true });
});

const serial = (id: string, model: DeviceConfig['model'], scenario: string): DeviceConfig => ({
  id,
  model,
  transport: 'serial',
  port: join(dir, id),
  simulator: { scenario },
});

async function start(devices: DeviceConfig[], recorded: Measurement[]): Promise<KioskDevices> {
  const k = await startKioskDevices({ config: { devices }, record: (m) => void recorded.push(m) });
  const ids = new Set(devices.map((d) => d.id));
  for (const s of k.manager.list()) if (s.state === 'connected') ids.delete(s.deviceId);
  if (ids.size > 0)
    await waitFor(
      k.manager,
      'statusChanged',
      (s) => (s.state === 'connected' && ids.delete(s.deviceId), ids.size === 0),
    );
  return k;
}

socat.describe('a calibration reading from a simulated device on a real pty, through its protocol', () => {
  it('thermometer in reference-bath-0.5-high: reads the bath 0.5 °C high, and is no patient measurement', async () => {
    const recorded: Measurement[] = [];
    kiosk = await start([serial('thermometer-1', 'welch-allyn-suretemp', 'reference-bath-0.5-high')], recorded);
    const values = await readDeviceForCalibration(kiosk.manager, 'thermometer-1', systemClock, 15_000);
    // The bath holds its first point (35 °C) for the first 20 s.
    expect(values).toEqual({ temperature: 35.5 });
    expect(recorded).toEqual([]);
  });

  it('oximeter on the patient simulator: SpO2 and pulse of its first setting, within the spot check', async () => {
    expect(PATIENT_SIMULATOR_HOLD_MS).toBeGreaterThanOrEqual(20_000);
    kiosk = await start([serial('oximeter-1', 'contec-cms50-v7', 'patient-simulator-spo2-3-low')], []);
    const values = await readDeviceForCalibration(kiosk.manager, 'oximeter-1', systemClock, 15_000);
    expect(values).toEqual({ spo2: 94, 'pulse-rate': 60 });
  });

  it('a probe that gives nothing (probe-error) and a device not on its port: plain reasons', async () => {
    kiosk = await start([serial('thermometer-1', 'welch-allyn-suretemp', 'probe-error')], []);
    const failed = readDeviceForCalibration(kiosk.manager, 'thermometer-1', systemClock, 10_000);
    await expect(failed).rejects.toBeInstanceOf(DeviceReadingError);
    await expect(failed).rejects.toMatchObject({ code: 'no-reading' });
    await expect(readDeviceForCalibration(kiosk.manager, 'nothing-1', systemClock, 1_000)).rejects.toMatchObject({
      code: 'device-unplugged',
    });
  });
});
