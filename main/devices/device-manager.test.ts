import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../common/devices/device-status';
import type { Measurement } from '../../common/devices/measurement';
import type { Logger } from '../../common/util/logger';
import type { DeviceEvents, DeviceReading, KioskDevice } from '../../drivers/devices/device';
import { ManualClock } from '../../common/util/testing/manual-clock';
import type { DeviceConfig } from '../../kiosk-config/schema';
import { InMemoryCalibration, type CalibrationProvider } from './calibration';
import { RegisterCalibration } from './register-calibration';
import { KioskStore } from '../db/kiosk-store';
import { sampleCalibration } from '../../common/records/testing/samples';
import type { DeviceFactory } from './device-factories';
import { DeviceManager } from './device-manager';

const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

class FakeDevice extends EventEmitter<DeviceEvents> implements KioskDevice {
  opens = 0;
  measuring = false;
  openBehaviour: 'connect' | 'fail' | 'throw' = 'connect';
  /** Like SerialDevice: an unchanged status is not emitted again. */
  dedupeStatus = false;
  private last = '';
  constructor(
    readonly id: string,
    readonly model: KioskDevice['model'],
  ) {
    super();
  }
  async open(): Promise<void> {
    this.opens += 1;
    if (this.openBehaviour === 'throw') throw new Error('driver bug in open');
    const status =
      this.openBehaviour === 'connect'
        ? { state: 'connected' as const, reason: null }
        : { state: 'disconnected' as const, reason: { code: 'port-unavailable', detail: 'ENOENT' } };
    const key = `${status.state}/${status.reason?.code ?? ''}`;
    if (this.dedupeStatus && key === this.last) return;
    this.last = key;
    this.emit('statusChanged', status);
  }
  async close(): Promise<void> {
    this.emit('statusChanged', { state: 'disconnected', reason: null });
  }
  async startMeasurement(): Promise<void> {
    this.measuring = true;
  }
  async cancelMeasurement(): Promise<void> {
    this.measuring = false;
  }
  unplug(): void {
    this.emit('statusChanged', { state: 'disconnected', reason: { code: 'device-unplugged', detail: 'EIO' } });
  }
}

const oxConfig: DeviceConfig = {
  id: 'oximeter-1',
  model: 'contec-cms50-v7',
  transport: 'serial',
  port: '/dev/null',
  serialNumber: 'SN1',
};
const thConfig: DeviceConfig = {
  id: 'thermometer-1',
  model: 'welch-allyn-suretemp',
  transport: 'serial',
  port: '/dev/null',
};

function oximetry(final: boolean, spo2: number | null, flags: DeviceReading['flags'] = []): DeviceReading {
  return {
    type: 'oximetry',
    spo2,
    pulseRate: spo2 === null ? null : 72,
    perfusionIndex: null,
    pleth: [],
    flags,
    valid: spo2 !== null,
    raw: new Uint8Array(),
    final,
    takenAt: '2026-03-02T09:00:00.000Z',
    progress: null,
  };
}

function setup(
  opts: {
    factory?: DeviceFactory;
    calibration?: CalibrationProvider;
    record?: (m: Measurement) => void | Promise<void>;
    devices?: DeviceConfig[];
    clock?: ManualClock;
  } = {},
) {
  const clock = opts.clock ?? new ManualClock();
  const made = new Map<string, FakeDevice>();
  const factory: DeviceFactory =
    opts.factory ??
    ((config) => {
      const d = new FakeDevice(config.id, config.model);
      made.set(config.id, d);
      return d;
    });
  const manager = new DeviceManager({
    devices: opts.devices ?? [oxConfig],
    createDevice: factory,
    deps: { clock, logger: quiet, openSerial: () => Promise.reject(new Error('unused')), openHid: null },
    calibration: opts.calibration ?? new InMemoryCalibration(),
    record: opts.record ?? (() => undefined),
    backoff: { initialMs: 100, factor: 2, maxMs: 350 },
  });
  const statuses: DeviceStatus[] = [];
  manager.on('statusChanged', (s) => statuses.push(s));
  return { clock, made, manager, statuses };
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('DeviceManager', () => {
  it('opens devices, reconnects after an unplug with capped exponential backoff, and resets it once connected', async () => {
    const { clock, made, manager, statuses } = setup();
    await manager.start();
    const device = made.get('oximeter-1')!;
    expect(manager.list()[0]).toMatchObject({
      deviceId: 'oximeter-1',
      kind: 'oximeter',
      state: 'connected',
      calibration: 'unknown',
    });
    device.openBehaviour = 'fail';
    device.unplug();
    expect(statuses.at(-1)).toMatchObject({ state: 'disconnected', reason: { code: 'device-unplugged' } });
    const delays: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      delays.push(clock.pendingDelays()[0]!);
      clock.advance(delays.at(-1)!);
      await flush();
    }
    expect(delays).toEqual([100, 200, 350, 350]);
    expect(device.opens).toBe(5);
    expect(statuses.at(-1)).toMatchObject({ state: 'disconnected', reason: { code: 'port-unavailable' } });
    device.openBehaviour = 'connect';
    clock.advance(350);
    await flush();
    expect(manager.list()[0]!.state).toBe('connected');
    device.unplug();
    expect(clock.pendingDelays()).toEqual([100]);
    await manager.stop();
    expect(clock.pendingDelays()).toEqual([]);
  });

  it('keeps retrying a port that stays missing even when the device reports the same status only once', async () => {
    const { clock, made, manager, statuses } = setup();
    await manager.start();
    const device = made.get('oximeter-1')!;
    device.dedupeStatus = true;
    device.openBehaviour = 'fail';
    device.unplug();
    for (let i = 0; i < 6; i++) {
      clock.advance(350);
      await flush();
    }
    expect(device.opens).toBeGreaterThanOrEqual(6);
    device.openBehaviour = 'connect';
    clock.advance(350);
    await flush();
    expect(statuses.at(-1)?.state).toBe('connected');
  });

  it('isolates a driver that throws: factory, open and startMeasurement failures become statuses, never exceptions', async () => {
    let creations = 0;
    const throwing: DeviceFactory = () => {
      creations += 1;
      throw new Error('driver bug in constructor');
    };
    const a = setup({ factory: throwing });
    await expect(a.manager.start()).resolves.toBeUndefined();
    expect(a.statuses.at(-1)).toMatchObject({ state: 'error', reason: { code: 'driver-failed' } });
    expect(a.statuses.at(-1)!.reason!.detail).toContain('driver bug in constructor');
    a.clock.advance(100);
    await flush();
    expect(creations).toBe(2);
    await a.manager.stop();

    const b = setup();
    const original = FakeDevice.prototype.open;
    FakeDevice.prototype.open = async function () {
      throw new Error('driver bug in open');
    };
    try {
      await b.manager.start();
    } finally {
      FakeDevice.prototype.open = original;
    }
    expect(b.statuses.at(-1)).toMatchObject({ state: 'error', reason: { code: 'driver-failed' } });
    b.clock.advance(100);
    await flush();
    expect(b.manager.list()[0]!.state).toBe('connected');
    const device = b.made.get('oximeter-1')!;
    device.startMeasurement = () => Promise.reject(new Error('boom'));
    await expect(b.manager.startMeasurement('oximetry')).resolves.toEqual({ ok: false, code: 'device-unavailable' });
    // A listener of the manager that throws does not break the device's emit.
    b.manager.on('liveReading', () => {
      throw new Error('screen bug');
    });
    expect(() => device.emit('readingReceived', oximetry(false, 97))).not.toThrow();
    await b.manager.stop();
  });

  it('records a final reading before announcing it, stamped with calibration and serial number', async () => {
    const order: string[] = [];
    const calibration = new InMemoryCalibration({ 'oximeter-1': 'valid' });
    const { made, manager } = setup({
      calibration,
      record: async (m) => {
        order.push(`record ${m.kind}`);
      },
    });
    manager.on('measurementRecorded', (m) => order.push(`recorded ${m.kind} ${m.calibration} ${m.serialNumber}`));
    await manager.start();
    await expect(manager.startMeasurement('oximetry')).resolves.toEqual({ ok: true, deviceId: 'oximeter-1' });
    expect(made.get('oximeter-1')!.measuring).toBe(true);
    made.get('oximeter-1')!.emit('readingReceived', oximetry(true, 97));
    await flush();
    expect(order).toEqual(['record oximetry', 'recorded oximetry valid SN1']);
    await manager.stop();
  });

  it('reports record failures and device failures as measurementFailed with a code', async () => {
    const { made, manager } = setup({
      devices: [oxConfig, thConfig],
      record: () => Promise.reject(new Error('disk full')),
    });
    const failures: unknown[] = [];
    manager.on('measurementFailed', (f) => failures.push(f));
    await manager.start();
    made.get('oximeter-1')!.emit('readingReceived', oximetry(true, 97));
    await manager.startMeasurement('temperature');
    made.get('thermometer-1')!.emit('measurementFailed', { code: 'probe-error' });
    made.get('oximeter-1')!.emit('readingReceived', oximetry(true, null, ['finger-out']));
    await flush();
    expect(failures).toEqual([
      { deviceId: 'oximeter-1', kind: 'oximetry', code: 'record-failed' },
      { deviceId: 'thermometer-1', kind: 'temperature', code: 'probe-error' },
      { deviceId: 'oximeter-1', kind: 'oximetry', code: 'finger-out' },
    ]);
    await manager.stop();
  });

  it('withholds a device whose calibration expired, and answers why a measurement cannot start', async () => {
    const calibration = new InMemoryCalibration({ 'oximeter-1': 'expired' });
    const { made, manager } = setup({ calibration, devices: [oxConfig, thConfig] });
    await manager.start();
    expect(manager.list()[0]).toMatchObject({
      state: 'unavailable',
      calibration: 'expired',
      reason: { code: 'calibration-expired' },
    });
    await expect(manager.startMeasurement('oximetry')).resolves.toEqual({ ok: false, code: 'device-unavailable' });
    made.get('thermometer-1')!.openBehaviour = 'fail';
    made.get('thermometer-1')!.unplug();
    await expect(manager.startMeasurement('temperature')).resolves.toEqual({ ok: false, code: 'device-unplugged' });
    await expect(manager.startMeasurement('blood-pressure')).resolves.toEqual({
      ok: false,
      code: 'device-unavailable',
    });
    await manager.stop();
  });

  it('takes a device out of service when its recorded check falls due on the injected clock, unasked', async () => {
    const clock = new ManualClock(Date.parse('2026-11-05T09:00:00Z'));
    const store = KioskStore.open({ file: ':memory:', key: null, clock });
    const check = (performedAt: string, validUntil: string) =>
      store.recordCalibration(
        sampleCalibration({ id: crypto.randomUUID(), deviceId: 'oximeter-1', performedAt, validUntil }),
      );
    check('2026-11-05T09:00:00.000Z', '2027-11-05T09:00:00.000Z');
    const { manager, statuses } = setup({ clock, calibration: new RegisterCalibration(store.register, clock) });
    await manager.start();
    expect(manager.list()[0]).toMatchObject({ state: 'connected', calibration: 'valid' });
    expect(manager.outOfService('oximetry')).toBe(false);
    clock.advance(Date.parse('2027-11-05T09:00:00Z') - clock.now() - 1);
    expect(manager.outOfService('oximetry')).toBe(false);
    clock.advance(1);
    // Nobody listed the devices since: the refusal itself looks the calibration up.
    await expect(manager.startMeasurement('oximetry')).resolves.toEqual({ ok: false, code: 'device-unavailable' });
    expect(statuses.at(-1)).toMatchObject({ state: 'unavailable', calibration: 'expired' });
    expect(manager.outOfService('oximetry')).toBe(true);
    // Still on its port: the technician can calibrate it.
    expect(manager.isPresent('oximeter-1')).toBe(true);
    check('2027-11-05T10:00:00.000Z', '2028-11-05T10:00:00.000Z');
    expect(manager.outOfService('oximetry')).toBe(false);
    await expect(manager.startMeasurement('oximetry')).resolves.toEqual({ ok: true, deviceId: 'oximeter-1' });
    await manager.stop();
    store.close();
  });

  it('notices a calibration change (the technician recorded a check) and can be stopped and started again', async () => {
    const calibration = new InMemoryCalibration({ 'oximeter-1': 'valid' });
    const { made, manager, statuses } = setup({ calibration });
    await manager.start();
    expect(manager.list()[0]).toMatchObject({ state: 'connected', calibration: 'valid' });
    calibration.set('oximeter-1', 'failed');
    expect(manager.list()[0]).toMatchObject({
      state: 'unavailable',
      calibration: 'failed',
      reason: { code: 'calibration-expired' },
    });
    expect(statuses.at(-1)).toMatchObject({ state: 'unavailable' });
    calibration.set('oximeter-1', 'valid');
    await manager.stop();
    const first = made.get('oximeter-1');
    await manager.start();
    expect(made.get('oximeter-1')).not.toBe(first);
    expect(manager.list()[0]).toMatchObject({ state: 'connected', calibration: 'valid' });
    await manager.stop();
  });

  it('sends live readings a few times a second, not at the frame rate', async () => {
    const { clock, made, manager } = setup();
    const live: number[] = [];
    manager.on('liveReading', (r) => live.push(r.spo2 ?? -1));
    await manager.start();
    const device = made.get('oximeter-1')!;
    for (let i = 0; i < 60; i += 1) {
      device.emit('readingReceived', oximetry(false, i < 30 ? 97 : 96));
      clock.advance(1000 / 60);
    }
    // 97 at once, 96 once it changed (after the 250 ms minimum gap), a heartbeat for unchanged values.
    expect(live[0]).toBe(97);
    expect(live).toContain(96);
    expect(live.length).toBeLessThanOrEqual(4);
    await manager.stop();
  });
});
