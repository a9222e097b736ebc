import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { CalibrationWizardView } from '../../common/calibration/calibration-wizard';
import type { DeviceStatus } from '../../common/devices/device-status';
import { sampleDeviceStatus } from '../../common/records/testing/samples';
import { ManualClock } from '../../common/util/testing/manual-clock';
import type { DeviceConfig } from '../../kiosk-config/schema';
import { KioskStore } from '../db/kiosk-store';
import { HandlerError } from '../ipc/dispatch';
import { CalibrationService } from './calibration-service';

const DEVICES: DeviceConfig[] = [
  {
    id: 'bp-1',
    model: 'omron-hem7322u',
    transport: 'hid',
    vendorId: '0590',
    productId: '0090',
    serialNumber: 'SN-BP-1',
  },
  { id: 'oximeter-1', model: 'contec-cms50-v7', transport: 'serial', port: '/dev/null' },
  { id: 'thermometer-1', model: 'welch-allyn-suretemp', transport: 'serial', port: '/dev/null', serialNumber: 'T-1' },
  { id: 'stetho-1', model: 'usb-audio-stethoscope', transport: 'usb-audio' },
];
const REFERENCE = {
  instrument: 'Manomètre',
  serialNumber: 'REF-1',
  certificateNumber: 'C-1',
  certificateValidUntil: '2030-01-01',
};

/** A thermometer whose spot check gives `celsius` (null: it never answers). */
class FakeThermometer extends EventEmitter {
  celsius: number | null = 37;
  startMeasurement = () => {
    const celsius = this.celsius;
    if (celsius !== null)
      queueMicrotask(() =>
        this.emit('readingReceived', { type: 'temperature', final: true, valid: true, celsius, flags: [] }),
      );
    return Promise.resolve();
  };
  cancelMeasurement = () => Promise.resolve();
}

class FakeManager extends EventEmitter<{ statusChanged: [DeviceStatus] }> {
  present = true;
  lists = 0;
  readonly thermometer = new FakeThermometer();
  lendForCalibration = async <T>(_id: string, use: (device: never) => Promise<T>) =>
    this.present ? use(this.thermometer as never) : null;
  isPresent = () => this.present;
  list = () => {
    this.lists += 1;
    return [];
  };
}

function setup() {
  const clock = new ManualClock(Date.parse('2026-11-05T09:00:00Z'));
  const store = KioskStore.open({ file: ':memory:', key: null, clock });
  const manager = new FakeManager();
  const emitted: CalibrationWizardView[] = [];
  const state = { role: 'technician' as string | null, patient: false };
  const service = new CalibrationService({
    kioskId: 'dev-kiosk-1',
    site: { pharmacyName: 'Pharmacie', pharmacyId: 'F-1' },
    platformUrl: 'wss://platform.example:8443',
    devices: DEVICES,
    clock,
    requireTechnician: () => {
      if (state.role !== 'technician') throw new HandlerError('forbidden', 'technician sign-in required');
      return { id: 'tech.camille', name: 'Camille Martin' };
    },
    patientInSession: () => state.patient,
    manager,
    store,
    emit: (v) => emitted.push(v),
    leakHoldSeconds: 10,
  });
  return { clock, store, manager, service, emitted, state };
}

const codeOf = async (run: () => unknown) => {
  try {
    await run();
    return 'no error';
  } catch (error) {
    return error instanceof HandlerError ? error.code : String(error);
  }
};

async function passAll(service: CalibrationService, clock: ManualClock, offset = 0) {
  const h = service.handlers;
  await h.calibrationStart({ deviceId: 'bp-1' });
  await h.calibrationSend({ type: 'REFERENCE', reference: REFERENCE });
  for (const p of [0, 50, 100, 150, 200, 250])
    await h.calibrationSend({ type: 'POINT', reference: { pressure: p }, device: { pressure: p + offset } });
  await h.calibrationSend({ type: 'LEAK_START', startMmHg: 250 });
  clock.advance(10_000);
  await h.calibrationSend({ type: 'LEAK_END', endMmHg: 250 });
  return h.calibrationSend({ type: 'RECORD' });
}

describe('the calibration service', () => {
  it('is for a signed-in technician, between two patients, on a device it has a wizard for', async () => {
    const { service, state } = setup();
    const h = service.handlers;
    state.role = 'pharmacist';
    expect(await codeOf(() => h.calibrationStart({ deviceId: 'bp-1' }))).toBe('forbidden');
    state.role = 'technician';
    state.patient = true;
    expect(await codeOf(() => h.calibrationStart({ deviceId: 'bp-1' }))).toBe('patient-in-session');
    state.patient = false;
    expect(await codeOf(() => h.calibrationStart({ deviceId: 'bp-9' }))).toBe('unknown-device');
    expect(await codeOf(() => h.calibrationStart({ deviceId: 'stetho-1' }))).toBe('not-calibratable');
    expect(await codeOf(() => h.calibrationSend({ type: 'RETRY' }))).toBe('no-wizard');
    expect(await h.calibrationStart({ deviceId: 'bp-1' })).toMatchObject({
      step: 'reference',
      serialNumber: 'SN-BP-1',
      procedure: { leakTest: { holdSeconds: 10 } },
    });
  });

  it('records a check whole, has the device manager announce the new state, and serves its certificate', async () => {
    const { clock, store, manager, service } = setup();
    const done = await passAll(service, clock, 5);
    expect(done).toMatchObject({ step: 'recorded', result: 'failed' });
    expect(manager.lists).toBe(1);
    expect(store.register.listCalibrations('bp-1')).toMatchObject([{ result: 'failed', validUntil: null }]);
    expect(store.outbox.pending(10).map((p) => p.item.kind)).toEqual(['calibration']);
    expect(store.audit.list().map((a) => a.action)).toEqual(['calibration-started', 'calibration-failed']);
    // Who calibrated is the signed-in account (name and identifier), in the register and its sync.
    expect(done.technician).toBe('Camille Martin (tech.camille)');
    expect(store.register.check(done.recorded!.calibrationId)?.technician).toBe('Camille Martin (tech.camille)');
    const maintenance = service.maintenance();
    expect(maintenance).toEqual([
      {
        deviceId: 'bp-1',
        calibratable: true,
        lastCheck: {
          calibrationId: done.recorded!.calibrationId,
          performedAt: '2026-11-05T09:00:10.000Z',
          result: 'failed',
          validUntil: null,
          certificateNumber: done.recorded!.certificateNumber,
        },
      },
      { deviceId: 'oximeter-1', calibratable: true, lastCheck: null },
      { deviceId: 'thermometer-1', calibratable: true, lastCheck: null },
      { deviceId: 'stetho-1', calibratable: false, lastCheck: null },
    ]);
    const file = await service.handlers.getCalibrationCertificate({ calibrationId: done.recorded!.calibrationId });
    expect(file.fileName).toBe(`${done.recorded!.certificateNumber}.pdf`);
    expect(Buffer.from(file.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(
      await codeOf(() =>
        service.handlers.getCalibrationCertificate({ calibrationId: '00000000-0000-4000-8000-000000000000' }),
      ),
    ).toBe('not-found');
  });

  it("follows the device's presence into the wizard and tells the screens", async () => {
    const { manager, service, emitted } = setup();
    await service.handlers.calibrationStart({ deviceId: 'bp-1' });
    manager.present = false;
    manager.emit('statusChanged', sampleDeviceStatus({ deviceId: 'oximeter-1', state: 'disconnected' }));
    expect(emitted).toEqual([]);
    manager.emit('statusChanged', sampleDeviceStatus({ deviceId: 'bp-1', state: 'disconnected' }));
    expect(emitted.at(-1)).toMatchObject({ deviceConnected: false, problem: { code: 'device-unplugged' } });
  });

  it('an abandoned wizard leaves nothing in the register, only the audit line', async () => {
    const { store, service } = setup();
    await service.handlers.calibrationStart({ deviceId: 'bp-1' });
    await service.handlers.calibrationSend({ type: 'REFERENCE', reference: REFERENCE });
    await service.handlers.calibrationSend({ type: 'POINT', reference: { pressure: 0 }, device: { pressure: 0 } });
    await service.handlers.calibrationAbandon({});
    expect(store.register.listCalibrations('bp-1')).toEqual([]);
    expect(store.outbox.counts().pending).toBe(0);
    expect(store.audit.list().map((a) => a.action)).toEqual(['calibration-started', 'calibration-abandoned']);
    expect(await codeOf(() => service.handlers.calibrationSend({ type: 'RETRY' }))).toBe('no-wizard');
  });

  it('a thermometer: the reference typed, the device read through its protocol, the verdict per point and overall', async () => {
    const { service, manager, store, clock, emitted } = setup();
    const h = service.handlers;
    const flush = () => new Promise((resolve) => setImmediate(resolve));
    const started = await h.calibrationStart({ deviceId: 'thermometer-1' });
    expect(started.procedure).toMatchObject({ method: 'reference-temperature', deviceReading: 'device-protocol' });
    await h.calibrationSend({ type: 'REFERENCE', reference: REFERENCE });
    // A reference far from the bath's point is refused before the device is asked.
    expect((await h.calibrationSend({ type: 'POINT', reference: { temperature: 3.5 } })).problem?.code).toBe(
      'implausible-reference',
    );
    // A reading that never comes: a plain problem after the timeout, nothing taken.
    manager.thermometer.celsius = null;
    expect((await h.calibrationSend({ type: 'POINT', reference: { temperature: 35 } })).reading).toBe(true);
    clock.advance(60_000);
    await flush();
    expect(emitted.at(-1)).toMatchObject({ reading: false, points: [], problem: { code: 'no-reading' } });
    // Retry with the probe in place: each point read 0.5 °C high.
    for (const celsius of [35, 37, 39, 41]) {
      manager.thermometer.celsius = celsius + 0.5;
      await h.calibrationSend({ type: 'POINT', reference: { temperature: celsius } });
      await flush();
    }
    expect(emitted.at(-1)).toMatchObject({ step: 'review', result: 'failed' });
    expect(emitted.at(-1)!.points.map((p) => [p.device, p.error, p.passed])).toEqual([
      [35.5, 0.5, false],
      [37.5, 0.5, false],
      [39.5, 0.5, false],
      [41.5, 0.5, false],
    ]);
    expect(store.register.listCalibrations('thermometer-1')).toEqual([]);
    const recorded = await h.calibrationSend({ type: 'RECORD' });
    expect(recorded.step).toBe('recorded');
    expect(store.register.check(recorded.recorded!.calibrationId)).toMatchObject({
      method: 'reference-temperature',
      deviceReading: 'device-protocol',
      result: 'failed',
      serialNumber: 'T-1',
    });
  });

  it('a device unplugged while it is read: the reading is dropped, retry once it is back', async () => {
    const { service, manager, emitted } = setup();
    const h = service.handlers;
    await h.calibrationStart({ deviceId: 'thermometer-1' });
    await h.calibrationSend({ type: 'REFERENCE', reference: REFERENCE });
    // The device left between the wizard's last look and the reading.
    manager.present = false;
    expect((await h.calibrationSend({ type: 'POINT', reference: { temperature: 35 } })).reading).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
    expect(emitted.at(-1)).toMatchObject({ reading: false, points: [], problem: { code: 'device-unplugged' } });
    manager.present = true;
    expect((await h.calibrationSend({ type: 'RETRY' })).problem).toBeNull();
    await h.calibrationSend({ type: 'POINT', reference: { temperature: 35 } });
    await new Promise((resolve) => setImmediate(resolve));
    expect(emitted.at(-1)!.points).toMatchObject([{ nominal: 35, device: 37, passed: false }]);
  });

  it('exports a device’s register as CSV for the technician: every recorded check, every point', async () => {
    const { service, clock, state } = setup();
    await passAll(service, clock, 5);
    await passAll(service, clock, 0);
    const { fileName, csv } = await service.handlers.getCalibrationRegister({ deviceId: 'bp-1' });
    expect(fileName).toBe('registre-bp-1-2026-11-05.csv');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/,bp-1,omron-hem7322u,SN-BP-1,static-pressure,failed,,CAL-/);
    expect(lines[1]).toContain('250 mmHg: 250 -> 255 (5, ±3) FAIL');
    expect(lines[2]).toMatch(/,passed,2027-11-05T/);
    expect(await codeOf(() => service.handlers.getCalibrationRegister({ deviceId: 'bp-9' }))).toBe('unknown-device');
    state.role = null;
    expect(await codeOf(() => service.handlers.getCalibrationRegister({ deviceId: 'bp-1' }))).toBe('forbidden');
  });
});
