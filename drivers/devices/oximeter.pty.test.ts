import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../common/util/testing/manual-clock';
import { OXIMETER_SCENARIO_VALUES, type OximeterScenario } from '../simulators/models/oximeter-physiology';
import { modelsOfKind, type DeviceModelId } from '../catalogue/device-catalogue';
import { serialSimulation } from '../catalogue/simulations';
import { scenariosOf } from '../simulators/pty-runner';
import { requireSocat } from '../simulators/testing/socat-stack';
import { openNodeSerialPort } from '../transport/serial/node-serial-port';
import type { DeviceReading } from './device';
import { Oximeter } from './oximeter';
import {
  advanceUntil,
  expectErrorWithoutValidReading,
  expectUnplugRecovery,
  quiet,
  usePtyDevices,
} from './testing/pty-device';
import { waitFor } from './testing/wait-for';

const socat = await requireSocat();

/** Short timings so each scenario settles in a few readings. */
const fast = {
  spotCheck: { holdMs: 600, spo2Tolerance: 2, pulseTolerance: 5, failAfterMs: 400, timeoutMs: 8_000 },
  detectMs: 500,
  silenceMs: 800,
};
/** The watchdog's period (silenceMs / 4): a silence is seen one period after it lasted silenceMs. */
const WATCHDOG_MS = fast.silenceMs / 4;
/**
 * The driver's time: each reading moves it by this much, so holds and failures count readings, not
 * the load of the machine; where nothing comes (silence) the test moves it.
 */
const READING_MS = 200;

const oximeterModels = modelsOfKind('oximeter').flatMap((m) => serialSimulation(m.id) ?? []);

let clock = new ManualClock();
const openedAs: number[] = [];
/** An oximeter whose configured model is `configured` (default: the simulator's). */
let configured: DeviceModelId | null = null;
const setup = usePtyDevices('oximeter', (port, simulation) => {
  clock = new ManualClock();
  openedAs.length = 0;
  const device = new Oximeter(
    { id: 'oximeter-1', model: configured ?? (simulation.name as DeviceModelId), port },
    {
      clock,
      logger: quiet,
      openSerial: (path, settings) => {
        openedAs.push(settings.baudRate);
        return openNodeSerialPort(path, settings);
      },
    },
    fast,
  );
  device.on('readingReceived', () => clock.advance(READING_MS));
  return device;
});

/** Time passes while nothing comes, until the device reports an error status. */
async function untilError(device: Oximeter) {
  const error = waitFor(device, 'statusChanged', (s) => s.state === 'error');
  let reported = false;
  void error.then(() => (reported = true));
  await advanceUntil(clock, () => reported, WATCHDOG_MS);
  return error;
}

// The patient-simulator scenarios hold their first point for 20 s: long enough for a spot check.
const physiological = [
  'normal',
  'low-spo2',
  'tachycardia',
  'garbage',
  'patient-simulator',
  'patient-simulator-spo2-3-low',
];

socat.describe('oximeters over a real pty, every simulator scenario', () => {
  it('has a simulator for every oximeter of the catalogue', () => {
    expect(oximeterModels.map((m) => m.name)).toEqual(modelsOfKind('oximeter').map((m) => m.id));
    expect(oximeterModels.length).toBeGreaterThan(0);
  });

  for (const model of oximeterModels) {
    describe(model.name, () => {
      for (const scenario of scenariosOf(model.model)) {
        if (physiological.includes(scenario)) {
          it(`${scenario}: connects, streams and gives a stable final reading with the scenario's values`, async () => {
            const { device, connected } = await setup(model, scenario);
            const garbled = scenario === 'garbage' ? waitFor(device, 'frameDecoded', (f) => f.type === 'error') : null;
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
            // The garbage scenario's bytes were skipped as errors, not read as values.
            if (garbled) await garbled;
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
            const { runner, device } = await setup(model, scenario);
            let connected = false;
            device.on('statusChanged', (s) => (connected ||= s.state === 'connected'));
            const [status] = await untilError(device);
            expect(status.reason?.code).toBe('no-data');
            expect(status.reason?.detail).toContain(runner.hostLink);
            expect(connected).toBe(false);
          });
        } else if (scenario === 'wrong-baud') {
          it('wrong-baud: reports an error (unreadable data, or nothing for a device that needs a start command), no reading', async () => {
            const { device } = await setup(model, scenario);
            await expectErrorWithoutValidReading(device, ['unreadable-data', 'no-data'], () => untilError(device));
          });
        } else if (scenario === 'unplug') {
          it('unplug: reports the unplug, and streams again once reopened after the replug', async () => {
            await expectUnplugRecovery(await setup(model, scenario));
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

  describe('Contec auto-detect', () => {
    it('a device configured as V7 that speaks the legacy stream is found by the fallback', async () => {
      configured = 'contec-cms50-v7';
      const { device, connected } = await setup(serialSimulation('contec-cms50-legacy')!, 'tachycardia');
      configured = null;
      // No V7 frame within detectMs: the driver moves on to the legacy line settings.
      await advanceUntil(clock, () => openedAs.length >= 2, WATCHDOG_MS);
      await connected;
      const [reading] = await waitFor(device, 'readingReceived', (r) => r.valid);
      expect(reading.type === 'oximetry' && reading.pulseRate).toBeGreaterThan(120);
      // V7 first (115200), then the legacy 19200 line settings.
      expect(openedAs.slice(0, 2)).toEqual([115200, 19200]);
    });
  });
});
