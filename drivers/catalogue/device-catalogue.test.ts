import { describe, expect, it } from 'vitest';
import type { Logger } from '../../common/util/logger';
import { ManualClock } from '../../common/util/testing/manual-clock';
import { BloodPressureMonitor } from '../devices/blood-pressure-monitor';
import type { DecodedFrame } from '../protocols/types';
import { SimulatedHidAttachment } from '../simulators/hid/simulated-hid-device';
import { OXIMETER_SCENARIO_VALUES } from '../simulators/models/oximeter-physiology';
import { THERMOMETER_SCENARIO_FINAL } from '../simulators/models/welch-allyn-suretemp';
import { driveSimulator } from '../simulators/testing/drive-simulator';
import { createStreamDecoder, knownProtocolIds } from './decoders';
import {
  catalogueEntry,
  DEVICE_CATALOGUE,
  DEVICE_MODEL_IDS,
  modelFields,
  type DeviceModelId,
} from './device-catalogue';
import { hidSimulation, serialSimulation } from './simulations';

const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));
const hex4 = (n: number) => n.toString(16).padStart(4, '0');

/**
 * Runs a serial model's simulator ('normal') as its driver would and decodes what it sent with the
 * decoder the catalogue gives for the model id: the frames a technician's `kioskctl decode` sees.
 */
function serialRoundTrip(id: DeviceModelId): DecodedFrame[] {
  const entry = catalogueEntry(id);
  if (entry.kind !== 'oximeter' && entry.kind !== 'thermometer') throw new Error(`${id} is no serial model`);
  const decoder = createStreamDecoder(id);
  if (decoder === null) throw new Error(`no decoder for ${id}`);
  return driveSimulator(entry.protocol, entry.simulator, { scenario: 'normal', seconds: 12, decoder }).frames;
}

/**
 * A HID model's simulator (plugged in with the catalogue's USB ids) read by the real driver; every
 * input report it answered is also decoded by the catalogue's decoder for the model id.
 */
async function hidRoundTrip(id: DeviceModelId): Promise<DecodedFrame[]> {
  const simulation = hidSimulation(id);
  if (simulation === null) throw new Error(`no HID simulator for ${id}`);
  const clock = new ManualClock();
  const attachment = new SimulatedHidAttachment({ ...simulation, scenario: 'normal', clock });
  const decoder = createStreamDecoder(id);
  if (decoder === null) throw new Error(`no decoder for ${id}`);
  const frames: DecodedFrame[] = [];
  const device = new BloodPressureMonitor(
    { id: 'bp-1', model: id, vendorId: hex4(simulation.usb.vendorId), productId: hex4(simulation.usb.productId) },
    {
      clock,
      logger: quiet,
      openHid: async (selector) => {
        const handle = await attachment.open(selector);
        handle.on('data', (report) => frames.push(...decoder.push(report)));
        return handle;
      },
    },
  );
  let done = false;
  device.on('readingReceived', (r) => (done ||= r.final));
  device.on('measurementFailed', ({ code }) => {
    throw new Error(`${id}: measurement failed with ${code}`);
  });
  await device.open();
  await device.startMeasurement();
  for (let t = 0; t < 60_000 && !done; t += 250) {
    clock.advance(250);
    await flush();
  }
  await device.close();
  return frames;
}

describe('the device catalogue', () => {
  it('has every model of each kind decode its own simulator through the registry: serial models', () => {
    const normal = OXIMETER_SCENARIO_VALUES.normal;
    for (const id of DEVICE_MODEL_IDS) {
      const entry = catalogueEntry(id);
      if (entry.kind === 'oximeter') {
        const readings = serialRoundTrip(id).filter((f) => f.type === 'oximetry' && f.valid);
        expect(readings.length, id).toBeGreaterThan(0);
        expect(readings.at(-1), id).toMatchObject({ spo2: normal.spo2, pulseRate: normal.pulseRate });
      } else if (entry.kind === 'thermometer') {
        const finals = serialRoundTrip(id).filter((f) => f.type === 'temperature' && f.valid && f.final);
        expect(finals.length, id).toBeGreaterThan(0);
        expect(finals.at(-1), id).toMatchObject({ celsius: THERMOMETER_SCENARIO_FINAL.normal });
      }
    }
  });

  it('has every blood-pressure model decode its own simulator through the registry and the driver', async () => {
    for (const id of DEVICE_MODEL_IDS.filter((m) => DEVICE_CATALOGUE[m].kind === 'blood-pressure')) {
      const records = (await hidRoundTrip(id)).filter((f) => f.type === 'blood-pressure' && f.valid);
      expect(records.length, id).toBeGreaterThan(0);
      expect(records, id).toContainEqual(expect.objectContaining({ systolic: 122, diastolic: 78, pulseRate: 68 }));
    }
  });

  it('gives a simulator to every serial and HID model, and a decoder to every model that has a protocol', () => {
    for (const id of DEVICE_MODEL_IDS) {
      const entry = DEVICE_CATALOGUE[id];
      expect(serialSimulation(id) !== null, id).toBe(entry.transport.type === 'serial');
      expect(hidSimulation(id) !== null, id).toBe(entry.transport.type === 'hid');
      // Card readers, stethoscopes and examination cameras speak no byte protocol of ours (PC/SC,
      // the browser's audio and video).
      const bytes = !['card-reader', 'stethoscope', 'exam-camera'].includes(entry.kind);
      expect(createStreamDecoder(id) !== null, id).toBe(bytes);
    }
    expect(knownProtocolIds()).toEqual(
      DEVICE_MODEL_IDS.filter((id) => !['pcsc-vitale', 'usb-audio-stethoscope', 'uvc-otoscope'].includes(id)).sort(),
    );
  });

  it('tells how each stethoscope is recognised: a label to pick its input, a fake input to stand in for it', () => {
    const stethoscopes = DEVICE_MODEL_IDS.map(catalogueEntry).filter((e) => e.kind === 'stethoscope');
    expect(stethoscopes.length).toBeGreaterThan(0);
    for (const entry of stethoscopes) {
      if (entry.kind !== 'stethoscope') continue;
      expect(entry.transport.labels.length, entry.id).toBeGreaterThan(0);
      for (const label of entry.transport.labels) expect(label.trim(), entry.id).not.toBe('');
      expect(entry.simulator.label, entry.id).toMatch(/^Fake Audio Input \d$/);
    }
  });

  it('tells how each examination camera is recognised: labels to pick its video input, a fake camera for it', () => {
    const cameras = DEVICE_MODEL_IDS.map(catalogueEntry).filter((e) => e.kind === 'exam-camera');
    expect(cameras.length).toBeGreaterThan(0);
    for (const entry of cameras) {
      if (entry.kind !== 'exam-camera') continue;
      expect(entry.transport.labels.length, entry.id).toBeGreaterThan(0);
      for (const label of entry.transport.labels) expect(label.trim(), entry.id).not.toBe('');
      // Chromium's third fake camera (device-count=3): the first is the cabin's, the second a Y16
      // depth camera that WebRTC cannot send.
      expect(entry.simulator.label, entry.id).toBe('fake_device_2');
    }
  });

  it('names only catalogue models as fallbacks, of the same kind', () => {
    for (const id of DEVICE_MODEL_IDS) {
      const entry = catalogueEntry(id);
      if (entry.kind !== 'oximeter' || entry.fallbackModel === null) continue;
      expect(DEVICE_MODEL_IDS, id).toContain(entry.fallbackModel);
      expect(DEVICE_CATALOGUE[entry.fallbackModel as DeviceModelId].kind, id).toBe('oximeter');
    }
  });

  it('hands out a fresh decoder per call, and none for an unknown id', () => {
    const a = createStreamDecoder('contec-cms50-legacy');
    const b = createStreamDecoder('contec-cms50-legacy');
    a?.push(Uint8Array.of(0xc4, 0x35));
    expect(b?.push(Uint8Array.of(0x06, 0x48, 0x61))).toEqual([]);
    expect(createStreamDecoder('nope')).toBeNull();
    expect(createStreamDecoder('toString')).toBeNull();
  });

  it('puts the display name beside the id where a model travels', () => {
    expect(modelFields('nonin-format2')).toEqual({ model: 'nonin-format2', modelName: 'Nonin (format 2)' });
  });
});
