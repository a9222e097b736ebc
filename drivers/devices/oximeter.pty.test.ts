import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../common/util/clock';
import type { Logger } from '../../common/util/logger';
import { OXIMETER_SCENARIO_VALUES, type OximeterScenario } from '../simulators/models/oximeter-physiology';
import { modelsOfKind, type DeviceModelId } from '../catalogue/device-catalogue';
import { serialSimulation } from '../catalogue/simulations';
import { PtyRunner, scenariosOf, type SerialSimulation } from '../simulators/pty-runner';
import { openNodeSerialPort } from '../transport/serial/node-serial-port';
import type { DeviceReading } from './device';
import { Oximeter } from './oximeter';
import { waitFor } from './testing/wait-for';

const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** Short timings so each scenario settles in about a second over the real pty. */
const fast = {
  spotCheck: { holdMs: 600, spo2Tolerance: 2, pulseTolerance: 5, failAfterMs: 400, timeoutMs: 8_000 },
  detectMs: 500,
  silenceMs: 800,
};

const oximeterModels = modelsOfKind('oximeter').flatMap((m) => serialSimulation(m.id) ?? []);

let dir: string;
let runner: PtyRunner | null = null;
let device: Oximeter | null = null;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'oximeter-pty-'));
});
afterEach(async () => {
  await device?.close();
  await runner?.stop();
  device = null;
  runner = null;
  rmSync(dir, { recursive: true, force: true });
});

async function setup(
  model: SerialSimulation,
  scenario: string,
  runnerOptions: { unplugAfterMs?: number; replugAfterMs?: number } = {},
) {
  runner = new PtyRunner({ ...model, scenario, hostLink: join(dir, 'ttyOximeter'), logger: quiet, ...runnerOptions });
  await runner.start();
  device = new Oximeter(
    { id: 'oximeter-1', model: model.name as DeviceModelId, port: runner.hostLink },
    { clock: systemClock, logger: quiet, openSerial: openNodeSerialPort },
    fast,
  );
  const errors: number[] = [];
  device.on('frameDecoded', (f) => {
    if (f.type === 'error') errors.push(f.raw.length);
  });
  const connected = waitFor(device, 'statusChanged', (s) => s.state === 'connected');
  await device.open();
  return { runner, device, errors, connected };
}

const physiological = ['normal', 'low-spo2', 'tachycardia', 'garbage'];

describe('oximeters over a real pty, every simulator scenario', () => {
  it('has a simulator for every oximeter of the catalogue', () => {
    expect(oximeterModels.map((m) => m.name)).toEqual(modelsOfKind('oximeter').map((m) => m.id));
    expect(oximeterModels.length).toBeGreaterThan(0);
  });

  for (const model of oximeterModels) {
    describe(model.name, () => {
      for (const scenario of scenariosOf(model.model)) {
        if (physiological.includes(scenario)) {
          it(`${scenario}: connects, streams and gives a stable final reading with the scenario's values`, async () => {
            const { device, errors, connected } = await setup(model, scenario);
            await connected;
            const live = await waitFor(device, 'readingReceived', (r) => !r.final && r.valid);
            expect(live[0].type).toBe('oximetry');
            const final = waitFor(device, 'readingReceived', (r) => r.final);
            await device.startMeasurement();
            const [reading] = (await final) as [DeviceReading & { type: 'oximetry' }];
            const expected = OXIMETER_SCENARIO_VALUES[scenario as OximeterScenario];
            expect(reading.valid).toBe(true);
            expect(Math.abs(reading.spo2! - expected.spo2)).toBeLessThanOrEqual(2);
            expect(Math.abs(reading.pulseRate! - expected.pulseRate)).toBeLessThanOrEqual(5);
            if (scenario === 'garbage') expect(errors.length).toBeGreaterThan(0);
          });
        } else if (scenario === 'finger-out' || scenario === 'probe-error') {
          it(`${scenario}: flags the live readings and fails the measurement with the reason`, async () => {
            const { device, connected } = await setup(model, scenario);
            await connected;
            const [live] = await waitFor(device, 'readingReceived', (r) => !r.final);
            expect(live.valid).toBe(false);
            expect(live.type === 'oximetry' && live.spo2).toBe(null);
            // Contec sends one bit for both causes: a probe error reads as finger-out there.
            const reasons =
              scenario === 'finger-out' ? ['finger-out', 'sensor-off'] : ['probe-error', 'sensor-off', 'finger-out'];
            expect(live.flags.some((f: string) => reasons.includes(f))).toBe(true);
            const failed = waitFor(device, 'measurementFailed');
            await device.startMeasurement();
            const [{ code }] = await failed;
            expect(reasons).toContain(code);
          });
        } else if (scenario === 'silence') {
          it('silence: reports no-data, never connected', async () => {
            const { device } = await setup(model, scenario);
            let connected = false;
            device.on('statusChanged', (s) => (connected ||= s.state === 'connected'));
            const [status] = await waitFor(device, 'statusChanged', (s) => s.state === 'error');
            expect(status.reason?.code).toBe('no-data');
            expect(status.reason?.detail).toContain(runner!.hostLink);
            expect(connected).toBe(false);
          });
        } else if (scenario === 'wrong-baud') {
          it('wrong-baud: reports an error (unreadable data, or nothing for a device that needs a start command), no reading', async () => {
            const { device } = await setup(model, scenario);
            let valid = 0;
            device.on('readingReceived', (r) => (valid += r.valid ? 1 : 0));
            const [status] = await waitFor(device, 'statusChanged', (s) => s.state === 'error');
            expect(['unreadable-data', 'no-data']).toContain(status.reason?.code);
            expect(valid).toBe(0);
          });
        } else if (scenario === 'unplug') {
          // Unplugged once connected: a few frames in (Masimo sends one line a second).
          it('unplug: reports the unplug, and streams again once reopened after the replug', async () => {
            const { runner, device, connected } = await setup(model, scenario, {
              unplugAfterMs: model.name === 'masimo-ascii' ? 4_500 : 1_500,
              replugAfterMs: 150,
            });
            await connected;
            const [gone] = await waitFor(device, 'statusChanged', (s) => s.state === 'disconnected');
            expect(gone.reason?.code).toBe('device-unplugged');
            await waitFor(runner, 'replugged');
            const again = waitFor(device, 'statusChanged', (s) => s.state === 'connected');
            await device.open();
            await again;
            await waitFor(device, 'readingReceived', (r) => r.valid);
          });
        } else {
          it(`${scenario}: streams without crashing`, async () => {
            const { device } = await setup(model, scenario);
            await waitFor(device, 'frameDecoded');
          });
        }
      }
    });
  }
});

describe('Contec auto-detect over a real pty', () => {
  it('a device configured as V7 that speaks the legacy stream is found by the fallback', async () => {
    const legacy = serialSimulation('contec-cms50-legacy');
    expect(legacy).not.toBeNull();
    runner = new PtyRunner({
      ...legacy!,
      scenario: 'tachycardia',
      hostLink: join(dir, 'ttyOximeter'),
      logger: quiet,
    });
    await runner.start();
    const opened: number[] = [];
    device = new Oximeter(
      { id: 'oximeter-1', model: 'contec-cms50-v7', port: runner.hostLink },
      {
        clock: systemClock,
        logger: quiet,
        openSerial: (path, settings) => {
          opened.push(settings.baudRate);
          return openNodeSerialPort(path, settings);
        },
      },
      fast,
    );
    const connected = waitFor(device, 'statusChanged', (s) => s.state === 'connected');
    await device.open();
    await connected;
    const [reading] = await waitFor(device, 'readingReceived', (r) => r.valid);
    expect(reading.type === 'oximetry' && reading.pulseRate).toBeGreaterThan(120);
    // V7 first (115200), then the legacy 19200 line settings.
    expect(opened.slice(0, 2)).toEqual([115200, 19200]);
  });
});
