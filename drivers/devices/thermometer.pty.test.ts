import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../common/util/clock';
import type { Logger } from '../../common/util/logger';
import { THERMOMETER_SCENARIO_FINAL, type ThermometerScenario } from '../simulators/models/welch-allyn-suretemp';
import { serialSimulation } from '../catalogue/simulations';
import { PtyRunner, scenariosOf, type SerialSimulation } from '../simulators/pty-runner';
import { openNodeSerialPort } from '../transport/serial/node-serial-port';
import { Thermometer } from './thermometer';
import { waitFor } from './testing/wait-for';

const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

let dir: string;
let runner: PtyRunner | null = null;
let device: Thermometer | null = null;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'thermometer-pty-'));
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
  runner = new PtyRunner({
    ...model,
    scenario,
    hostLink: join(dir, 'ttyThermometer'),
    logger: quiet,
    ...runnerOptions,
  });
  await runner.start();
  device = new Thermometer(
    { id: 'thermometer-1', model: 'welch-allyn-suretemp', port: runner.hostLink },
    { clock: systemClock, logger: quiet, openSerial: openNodeSerialPort },
    { failAfterMs: 400, timeoutMs: 15_000 },
  );
  const errors: number[] = [];
  device.on('frameDecoded', (f) => {
    if (f.type === 'error') errors.push(f.raw.length);
  });
  const connected = waitFor(device, 'statusChanged', (s) => s.state === 'connected');
  await device.open();
  return { runner, device, errors, connected };
}

const model = serialSimulation('welch-allyn-suretemp');

describe('thermometer over a real pty, every simulator scenario', () => {
  it('has the thermometer simulator registered', () => {
    expect(model).not.toBeNull();
  });
  if (model === null) return;

  for (const scenario of scenariosOf(model.model)) {
    if (scenario === 'normal' || scenario === 'fever' || scenario === 'garbage') {
      it(`${scenario}: polls live probe values, then gives the device's final reading`, async () => {
        const { device, errors, connected } = await setup(model, scenario);
        await connected;
        const [live] = await waitFor(device, 'readingReceived', (r) => !r.final && r.valid);
        expect(live.type).toBe('temperature');
        const final = waitFor(device, 'readingReceived', (r) => r.final);
        await device.startMeasurement();
        const [reading] = await final;
        expect(reading.type === 'temperature' && reading.celsius).toBeCloseTo(
          THERMOMETER_SCENARIO_FINAL[scenario as ThermometerScenario]!,
          1,
        );
        if (scenario === 'garbage') expect(errors.length).toBeGreaterThan(0);
      });
    } else if (scenario === 'probe-error') {
      it('probe-error: flags live values and fails the measurement with probe-error', async () => {
        const { device, connected } = await setup(model, scenario);
        await connected;
        const [live] = await waitFor(device, 'readingReceived');
        expect(live.valid).toBe(false);
        expect(live.flags).toContain('probe-error');
        const failed = waitFor(device, 'measurementFailed');
        await device.startMeasurement();
        expect((await failed)[0].code).toBe('probe-error');
      });
    } else if (scenario === 'silence') {
      it('silence: the polls time out and the status names the command and the wait', async () => {
        const { device } = await setup(model, scenario);
        const [status] = await waitFor(device, 'statusChanged', (s) => s.state === 'error');
        expect(status.reason?.code).toBe('no-response');
        expect(status.reason?.detail).toContain(
          `command "read temperature record" on ${runner!.hostLink} got no reply after 500 ms`,
        );
      });
    } else if (scenario === 'wrong-baud') {
      it('wrong-baud: an error status, no valid reading', async () => {
        const { device } = await setup(model, scenario);
        let valid = 0;
        device.on('readingReceived', (r) => (valid += r.valid ? 1 : 0));
        const [status] = await waitFor(device, 'statusChanged', (s) => s.state === 'error');
        expect(['no-response', 'unreadable-data']).toContain(status.reason?.code);
        expect(valid).toBe(0);
      });
    } else if (scenario === 'unplug') {
      it('unplug: reports the unplug and answers again once reopened after the replug', async () => {
        const { runner, device, connected } = await setup(model, scenario, { unplugAfterMs: 700, replugAfterMs: 150 });
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
      it(`${scenario}: answers polls without crashing`, async () => {
        const { device } = await setup(model, scenario);
        await waitFor(device, 'frameDecoded');
      });
    }
  }
});
