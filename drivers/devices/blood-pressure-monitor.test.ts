import { describe, expect, it } from 'vitest';
import type { DeviceModelId } from '../catalogue/device-catalogue';
import { hidSimulation } from '../catalogue/simulations';
import { hex } from '../protocols/test-helpers';
import { SimulatedHidAttachment } from '../simulators/hid/simulated-hid-device';
import { fakeHidOpener } from '../transport/hid/fake-hid-device';
import { HidLibraryMissingError } from '../transport/hid/hid-transport';
import {
  BloodPressureMonitor,
  type BloodPressureMonitorDeps,
  type BloodPressureMonitorOptions,
} from './blood-pressure-monitor';
import type { DeviceReading } from './device';
import { quiet } from './testing/pty-device';
import { ManualClock } from '../../common/util/testing/manual-clock';

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));
const USB: Record<string, { vendorId: string; productId: string }> = {
  'omron-hem790it': { vendorId: '0590', productId: '0028' },
  'omron-hem7322u': { vendorId: '0590', productId: '0090' },
};

/** A monitor of `model` whose HID goes through `openHid` (the byte-level fake, a failing opener…). */
function monitorOn(model: DeviceModelId, openHid: BloodPressureMonitorDeps['openHid'], clock = new ManualClock()) {
  return new BloodPressureMonitor({ id: 'bp-1', model, ...USB[model]! }, { clock, logger: quiet, openHid });
}

function setup(
  model: DeviceModelId,
  scenario: string,
  opts: { autoStart?: boolean; options?: Partial<BloodPressureMonitorOptions> } = {},
) {
  const clock = new ManualClock();
  const attachment = new SimulatedHidAttachment({
    ...hidSimulation(model)!,
    scenario,
    clock,
    ...(opts.autoStart === undefined ? {} : { autoStart: opts.autoStart }),
  });
  const device = new BloodPressureMonitor(
    { id: 'bp-1', model, ...USB[model]! },
    { clock, logger: quiet, openHid: attachment.open },
    opts.options,
  );
  const readings: DeviceReading[] = [];
  const failures: string[] = [];
  const statuses: string[] = [];
  device.on('readingReceived', (r) => readings.push(r));
  device.on('measurementFailed', ({ code }) => failures.push(code));
  device.on('statusChanged', (s) => statuses.push(s.reason ? `${s.state}:${s.reason.code}` : s.state));
  /** Moves the clock in steps until a new outcome (reading or failure) or `maxMs`; returns the time it took. */
  const untilOutcome = async (maxMs = 300_000, stepMs = 250) => {
    const start = clock.now();
    const outcomes = readings.length + failures.length;
    await flush();
    while (readings.length + failures.length === outcomes && clock.now() - start < maxMs) {
      clock.advance(stepMs);
      await flush();
    }
    return clock.now() - start;
  };
  return { clock, attachment, device, readings, failures, statuses, untilOutcome };
}

describe.each(['omron-hem7322u', 'omron-hem790it'] as const)(
  'BloodPressureMonitor %s against the simulator',
  (model) => {
    it('normal: waits for START, downloads the newest record and emits it as the final reading', async () => {
      const t = setup(model, 'normal');
      await t.device.open();
      expect(t.statuses).toEqual(['connecting', 'connected']);
      const startedAt = t.clock.now();
      await t.device.startMeasurement();
      const took = await t.untilOutcome();
      expect(t.failures).toEqual([]);
      expect(t.readings).toHaveLength(1);
      const reading = t.readings[0]!;
      expect(reading).toMatchObject({
        type: 'blood-pressure',
        systolic: 122,
        diastolic: 78,
        pulseRate: 68,
        final: true,
        valid: true,
      });
      // START came 1.5 s after the first knock; the record carries the cuff's clock (minute resolution on the 7322U).
      expect(took).toBeGreaterThanOrEqual(1_500);
      expect(Math.abs(Date.parse(reading.takenAt) - (startedAt + 1_500))).toBeLessThan(61_000);
      expect(t.attachment.cuff.awake).toBe(false);
      await t.device.close();
    });

    it('hypertension: the reading is reported as measured', async () => {
      const t = setup(model, 'hypertension');
      await t.device.open();
      await t.device.startMeasurement();
      await t.untilOutcome();
      expect(
        t.readings.map((r) => (r.type === 'blood-pressure' ? [r.systolic, r.diastolic, r.pulseRate] : null)),
      ).toEqual([[168, 102, 84]]);
    });

    it('cuff-error: the device wakes with nothing newer than older days → measurementFailed cuff-error', async () => {
      const t = setup(model, 'cuff-error');
      await t.device.open();
      await t.device.startMeasurement();
      await t.untilOutcome();
      expect(t.readings).toEqual([]);
      expect(t.failures).toEqual(['cuff-error']);
    });

    it('no-record: an empty memory → measurementFailed no-record', async () => {
      const t = setup(model, 'no-record');
      await t.device.open();
      await t.device.startMeasurement();
      await t.untilOutcome();
      expect(t.failures).toEqual(['no-record']);
    });

    it('asleep-until-start: retries while the device sleeps and gets the reading once START is pressed', async () => {
      const t = setup(model, 'asleep-until-start');
      await t.device.open();
      await t.device.startMeasurement();
      const took = await t.untilOutcome();
      expect(took).toBeGreaterThanOrEqual(8_000);
      expect(took).toBeLessThan(12_000);
      expect(t.readings).toHaveLength(1);
    });

    it('times out with a named code when START is never pressed', async () => {
      const t = setup(model, 'normal', { autoStart: false, options: { startTimeoutMs: 10_000 } });
      await t.device.open();
      await t.device.startMeasurement();
      const took = await t.untilOutcome();
      expect(t.failures).toEqual(['timeout']);
      expect(took).toBeGreaterThanOrEqual(10_000);
      expect(took).toBeLessThan(13_000);
    });

    it('never takes a record the device already held when it was awake from the start', async () => {
      const t = setup(model, 'normal', { autoStart: false });
      // A device that stays awake: what it holds now is yesterday's (history).
      t.attachment.cuff.awake = true;
      await t.device.open();
      await t.device.startMeasurement();
      await t.untilOutcome(5_000);
      expect(t.readings).toEqual([]);
      expect(t.failures).toEqual([]);
      t.attachment.pressStart();
      await t.untilOutcome();
      expect(t.readings.map((r) => (r.type === 'blood-pressure' ? r.systolic : null))).toEqual([122]);
    });

    it('unplug mid-download: measurementFailed device-unplugged, status disconnected; reopens after the replug', async () => {
      const t = setup(model, 'unplug');
      await t.device.open();
      await t.device.startMeasurement();
      await t.untilOutcome();
      expect(t.failures).toEqual(['device-unplugged']);
      expect(t.statuses.at(-1)).toBe('disconnected:device-unplugged');
      // While unplugged a reopen fails like a missing serial port; the manager keeps retrying.
      await t.device.open();
      expect(t.statuses.at(-1)).toBe('disconnected:port-unavailable');
      t.clock.advance(3_000);
      await t.device.open();
      expect(t.statuses.at(-1)).toBe('connected');
      await t.device.startMeasurement();
      await t.untilOutcome();
      expect(t.readings).toHaveLength(1);
    });

    it('a cancelled measurement ends quietly; the next one still works', async () => {
      const t = setup(model, 'asleep-until-start');
      await t.device.open();
      await t.device.startMeasurement();
      await t.untilOutcome(3_000);
      await t.device.cancelMeasurement();
      await t.untilOutcome(3_000);
      expect([t.readings, t.failures]).toEqual([[], []]);
      await t.device.startMeasurement();
      await t.untilOutcome();
      expect(t.readings).toHaveLength(1);
    });
  },
);

describe('BloodPressureMonitor against the byte-level fake', () => {
  it('HEM-7322U: sends init, and retries it after the named 1 s timeout while unanswered', async () => {
    const clock = new ManualClock();
    const hid = fakeHidOpener();
    const device = monitorOn('omron-hem7322u', hid.open, clock);
    await device.open();
    expect(hid.opened[0]!.selector).toEqual({ vendorId: 0x0590, productId: 0x0090, path: undefined });
    await device.startMeasurement();
    await flush();
    expect(hid.opened[0]!.writes).toEqual([hex('02 08 00 00 00 00 10 00 18')]);
    clock.advance(999);
    await flush();
    expect(hid.opened[0]!.writes).toHaveLength(1);
    // 1 s reply timeout, then 1 s pause before the next attempt.
    clock.advance(1);
    await flush();
    expect(clock.pendingDelays()).toEqual([1_000]);
    clock.advance(1_000);
    await flush();
    expect(hid.opened[0]!.writes).toHaveLength(2);
    // Answered: the first memory read follows at 0x02AC.
    hid.opened[0]!.feed(hex('02 08 80 00 00 00 10 00 98'));
    await flush();
    expect(hid.opened[0]!.writes.at(-1)).toEqual(hex('02 08 01 00 02 AC 28 00 8F'));
    await device.close();
    expect(hid.opened[0]!.closed).toBe(true);
  });

  it('HEM-790IT: selects readings mode, sends the clearing block, takes NO for asleep and retries', async () => {
    const clock = new ManualClock();
    const hid = fakeHidOpener();
    const device = monitorOn('omron-hem790it', hid.open, clock);
    await device.open();
    const fake = hid.opened[0]!;
    await device.startMeasurement();
    await flush();
    expect(fake.featureReports).toEqual([hex('00 74 BC')]);
    expect(fake.writes.map((w) => w[1])).toEqual([7, 7, 7, 2]);
    fake.feed(hex('02 4E 4F 00 00 00 00 00'));
    await flush();
    clock.advance(1_000);
    await flush();
    expect(fake.featureReports).toHaveLength(2);
    // OK to the clearing block: the count is asked next (GDC bank 0).
    fake.feed(hex('02 4F 4B 00 00 00 00 00'));
    await flush();
    expect(fake.writes.slice(-2)).toEqual([hex('00 07 47 44 43 00 00 00 00'), hex('00 01 00 00 00 00 00 00 00')]);
    await device.close();
  });

  it('reports a missing libusb as error hid-library-missing, an absent device as disconnected port-unavailable', async () => {
    const clock = new ManualClock();
    const statuses: unknown[] = [];
    const missingLib = monitorOn(
      'omron-hem7322u',
      () =>
        Promise.reject(
          new HidLibraryMissingError(
            'node-hid cannot load (install the Debian package libusb-1.0-0): libusb-1.0.so.0: cannot open shared object file',
          ),
        ),
      clock,
    );
    missingLib.on('statusChanged', (s) => statuses.push(s));
    await missingLib.open();
    expect(statuses.at(-1)).toMatchObject({
      state: 'error',
      reason: { code: 'hid-library-missing', detail: expect.stringContaining('libusb-1.0-0') },
    });
    const hid = fakeHidOpener();
    hid.missing.value = true;
    const absent = monitorOn('omron-hem7322u', hid.open, clock);
    await absent.open();
    expect(absent.currentStatus).toMatchObject({ state: 'disconnected', reason: { code: 'port-unavailable' } });
    // Measuring on a device that is not there fails at once instead of waiting for START.
    const failures: string[] = [];
    absent.on('measurementFailed', ({ code }) => failures.push(code));
    await absent.startMeasurement();
    await flush();
    expect(failures).toEqual(['device-unplugged']);
  });
});
