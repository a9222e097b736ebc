import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { systemClock } from '../../common/util/clock';
import { serialSimulation } from '../../drivers/catalogue/simulations';
import type { DeviceModelId } from '../../drivers/catalogue/device-catalogue';
import { waitFor } from '../../drivers/devices/testing/wait-for';
import { PtyRunner } from '../../drivers/simulators/pty-runner';
import { requireSocat } from '../../drivers/simulators/testing/socat-stack';
import { deviceOverridesPath } from '../../kiosk-config/device-overrides';
import { DEFAULT_CONFIG_PATH, loadConfig } from '../../kiosk-config/load';
import type { AuditEntry } from '../db/audit-log';
import { startKioskDevices, type KioskDevices } from '../devices/kiosk-devices';
import { changeDevice, type DeviceChangeOptions } from './device-change';
import { deviceDiagnostics } from './device-diagnostics';

const socat = await requireSocat();

let dir: string;
let kiosk: KioskDevices | null = null;
const runners: PtyRunner[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'device-change-'));
});
afterEach(async () => {
  await kiosk?.close();
  kiosk = null;
  await Promise.all(runners.splice(0).map((r) => r.stop()));
  rmSync(dir, { recursive: true, force: true });
});

/** A simulator of `model` on a new pty pair at `link`, as a second unit plugged into another port. */
async function plugSimulator(model: DeviceModelId, link: string, scenario = 'normal'): Promise<void> {
  const simulation = serialSimulation(model);
  if (simulation === null) throw new Error(`no simulator for ${model}`);
  const runner = new PtyRunner({ ...simulation, scenario, hostLink: link });
  runners.push(runner);
  await runner.start();
}

async function thermometerKiosk(): Promise<{ options: DeviceChangeOptions; audit: AuditEntry[] }> {
  const port = join(dir, 'ttyThermometer');
  kiosk = await startKioskDevices({
    config: {
      devices: [
        {
          id: 'thermometer-1',
          model: 'welch-allyn-suretemp',
          transport: 'serial',
          port,
          simulator: { scenario: 'normal' },
        },
      ],
    },
    record: () => undefined,
  });
  const manager = kiosk.manager;
  if (!manager.isPresent('thermometer-1'))
    await waitFor(manager, 'statusChanged', (s) => s.deviceId === 'thermometer-1' && s.state === 'connected');
  const audit: AuditEntry[] = [];
  const options: DeviceChangeOptions = {
    manager,
    dataDir: dir,
    trialMs: 4_000,
    clock: systemClock,
    actor: () => 'technician:tech.dev',
    patientInSession: () => false,
    audit: { append: (entry) => void audit.push(entry) },
    diagnostics: () => deviceDiagnostics(manager.configs(), manager.list(), []),
  };
  return { options, audit };
}

const portOf = () => {
  const config = kiosk?.manager.configs().find((d) => d.id === 'thermometer-1');
  return config?.transport === 'serial' ? config.port : null;
};

socat.describe('a port change validated by a test reading, on real ptys with the simulators', () => {
  it('a thermometer moved to a port where a thermometer answers: kept, saved atomically, audited, loaded again', async () => {
    const { options, audit } = await thermometerKiosk();
    const newPort = join(dir, 'ttyNew');
    await plugSimulator('welch-allyn-suretemp', newPort);
    const result = await changeDevice(options, { deviceId: 'thermometer-1', port: newPort });
    expect(result).toMatchObject({ ok: true, device: { deviceId: 'thermometer-1', port: newPort } });
    if (result.ok) expect(result.frame.error).toBe(false);
    expect(portOf()).toBe(newPort);
    const saved = JSON.parse(readFileSync(deviceOverridesPath(dir), 'utf8')) as { devices: Record<string, unknown> };
    expect(saved.devices['thermometer-1']).toMatchObject({ port: newPort, by: 'technician:tech.dev' });
    expect(audit).toContainEqual({
      actor: 'technician:tech.dev',
      action: 'device-config-changed',
      subject: `thermometer-1 port=${newPort} model=welch-allyn-suretemp`,
    });
    // The next start runs the thermometer on the accepted port.
    const config = loadConfig(DEFAULT_CONFIG_PATH, { KIOSK_RUNTIME_DIR: dir, KIOSK_DATA_DIR: dir });
    expect(config.devices.find((d) => d.id === 'thermometer-1')).toMatchObject({ port: newPort });
    expect(config.devices.find((d) => d.id === 'oximeter-1')).toMatchObject({ port: join(dir, 'ttyOximeter') });
  });

  it('an oximeter on the new port (frames that never decode as a SureTemp), silence, no such port: the old port stays', async () => {
    const { options, audit } = await thermometerKiosk();
    const oldPort = portOf();
    const oximeterPort = join(dir, 'ttyOximeterHere');
    await plugSimulator('nonin-format2', oximeterPort);
    const started = Date.now();
    const wrong = await changeDevice(options, { deviceId: 'thermometer-1', port: oximeterPort });
    expect(wrong).toMatchObject({ ok: false, code: 'wrong-model', trialSeconds: 4 });
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(portOf()).toBe(oldPort);

    const silentPort = join(dir, 'ttySilent');
    await plugSimulator('welch-allyn-suretemp', silentPort, 'silence');
    expect(await changeDevice(options, { deviceId: 'thermometer-1', port: silentPort })).toMatchObject({
      ok: false,
      code: 'no-answer',
    });
    expect(await changeDevice(options, { deviceId: 'thermometer-1', port: join(dir, 'nothing') })).toMatchObject({
      ok: false,
      code: 'no-such-port',
    });
    const notAPort = join(dir, 'plain-file');
    writeFileSync(notAPort, 'not a tty');
    expect(await changeDevice(options, { deviceId: 'thermometer-1', port: notAPort })).toMatchObject({
      ok: false,
      code: 'port-unavailable',
    });
    expect(await changeDevice(options, { deviceId: 'thermometer-1', model: 'contec-cms50-v7' })).toMatchObject({
      ok: false,
      code: 'unknown-model',
    });
    // The old port works again: the thermometer is back and nothing was saved.
    await waitFor(kiosk!.manager, 'frameDecoded', (id, frame) => id === 'thermometer-1' && frame.type !== 'error');
    expect(portOf()).toBe(oldPort);
    expect(() => readFileSync(deviceOverridesPath(dir))).toThrow(/ENOENT/);
    expect(audit.map((a) => a.subject)).toEqual([
      'thermometer-1 wrong-model',
      'thermometer-1 no-answer',
      'thermometer-1 no-such-port',
      'thermometer-1 port-unavailable',
      'thermometer-1 unknown-model',
    ]);
  });

  it('an oximeter moved to a Nonin on another port, port and model at once: kept, with the Nonin firmware revision', async () => {
    const port = join(dir, 'ttyOximeter');
    kiosk = await startKioskDevices({
      config: {
        devices: [
          { id: 'oximeter-1', model: 'contec-cms50-v7', transport: 'serial', port, simulator: { scenario: 'normal' } },
        ],
      },
      record: () => undefined,
    });
    const manager = kiosk.manager;
    if (!manager.isPresent('oximeter-1'))
      await waitFor(manager, 'statusChanged', (s) => s.deviceId === 'oximeter-1' && s.state === 'connected');
    expect(manager.firmwareOf('oximeter-1')).toBeNull();
    const noninPort = join(dir, 'ttyNonin');
    await plugSimulator('nonin-format2', noninPort);
    const options: DeviceChangeOptions = {
      manager,
      dataDir: dir,
      trialMs: 4_000,
      clock: systemClock,
      actor: () => 'technician:tech.dev',
      patientInSession: () => false,
      audit: { append: () => undefined },
      diagnostics: () => deviceDiagnostics(manager.configs(), manager.list(), [], (id) => manager.firmwareOf(id)),
    };
    const result = await changeDevice(options, { deviceId: 'oximeter-1', port: noninPort, model: 'nonin-format2' });
    expect(result).toMatchObject({ ok: true, device: { model: 'nonin-format2', port: noninPort } });
    // A whole Nonin packet (1/3 s) carries the revision byte.
    await waitFor(manager, 'frameDecoded', (id, frame) => id === 'oximeter-1' && frame.type === 'oximetry');
    expect(options.diagnostics()[0]).toMatchObject({
      firmware: 'rev. 42',
      modelName: expect.stringContaining('Nonin'),
    });
  });
});
