import { describe, expect, it } from 'vitest';
import type { Logger } from '../../common/util/logger';
import type { DeviceReading } from '../../drivers/devices/device';
import { fakeOpener } from '../../drivers/devices/testing/fake-serial-port';
import { ManualClock } from '../../common/util/testing/manual-clock';
import { encodeV7Realtime } from '../../drivers/protocols/contec-cms50-v7';
import { DEVICE_CATALOGUE, DEVICE_MODEL_IDS } from '../../drivers/catalogue/device-catalogue';
import { DeviceConfig } from '../../kiosk-config/schema';
import { createKioskDevice } from './device-factories';

const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const frame = encodeV7Realtime({
  signal: 5,
  searchingTooLong: false,
  lowSpo2: false,
  beep: false,
  probeError: false,
  pleth: 60,
  searching: false,
  bar: 5,
  pulseRate: 72,
  spo2: 97,
  pi: null,
});

async function secondsToFinal(config: unknown): Promise<number> {
  const clock = new ManualClock();
  const ports = fakeOpener();
  const device = createKioskDevice(DeviceConfig.parse(config), {
    clock,
    logger: quiet,
    openSerial: ports.open,
    openHid: null,
  });
  if (device === null) throw new Error('no driver for the oximeter');
  let finalAt: number | null = null;
  const start = clock.now();
  device.on('readingReceived', (r: DeviceReading) => {
    if (r.final && finalAt === null) finalAt = clock.now() - start;
  });
  await device.open();
  await device.startMeasurement();
  for (let t = 0; t < 10_000 && finalAt === null; t += 100) {
    ports.opened[0]!.feed(frame);
    clock.advance(100);
  }
  await device.close();
  return (finalAt ?? Number.NaN) / 1000;
}

describe('createKioskDevice', () => {
  it('builds the driver of every model of the catalogue but the card reader, whose cards the card service reads', () => {
    const deps = { clock: new ManualClock(), logger: quiet, openSerial: fakeOpener().open, openHid: null };
    for (const id of DEVICE_MODEL_IDS) {
      const { type } = DEVICE_CATALOGUE[id].transport;
      const config = DeviceConfig.parse(
        type === 'serial'
          ? { id: 'd', model: id, transport: type, port: '/dev/x' }
          : type === 'hid' || type === 'usb-audio' || type === 'uvc-camera'
            ? { id: 'd', model: id, transport: type, vendorId: '0590', productId: '0090' }
            : { id: 'd', model: id, transport: type },
      );
      expect(createKioskDevice(config, deps)?.model ?? null, id).toBe(id === 'pcsc-vitale' ? null : id);
    }
  });

  it("takes the oximeter's hold time from the config (default 5 s)", async () => {
    const base = { id: 'oximeter-1', model: 'contec-cms50-v7', transport: 'serial', port: '/dev/kiosk-oximeter' };
    // Plus the 0.2 s of the first frames that establish the connection.
    expect(await secondsToFinal(base)).toBeCloseTo(5.2, 5);
    expect(await secondsToFinal({ ...base, stableHoldSeconds: 2 })).toBeCloseTo(2.2, 5);
  });

  it('refuses a serial model configured on another transport, with a message', () => {
    const clock = new ManualClock();
    const bad = {
      id: 'x',
      model: 'contec-cms50-v7',
      transport: 'hid',
      vendorId: '0590',
      productId: '0090',
    } as unknown as DeviceConfig;
    expect(() =>
      createKioskDevice(bad, { clock, logger: quiet, openSerial: fakeOpener().open, openHid: null }),
    ).toThrow('device x: model contec-cms50-v7 is a serial device, got transport hid');
  });

  it('finds the stethoscope plugged in through the USB ids of the site config', async () => {
    const asked: string[] = [];
    const device = createKioskDevice(
      DeviceConfig.parse({
        id: 'stethoscope-1',
        model: 'usb-audio-stethoscope',
        transport: 'usb-audio',
        vendorId: '0d8c',
        productId: '0014',
      }),
      {
        clock: new ManualClock(),
        logger: quiet,
        openSerial: fakeOpener().open,
        openHid: null,
        usbAudioProbe: (audio) => {
          asked.push(`${audio.vendorId}:${audio.productId}`);
          return { name: 'USB 0d8c:0014', present: async () => true };
        },
      },
    );
    const states: string[] = [];
    device?.on('statusChanged', (s) => states.push(s.state));
    await device?.open();
    expect(asked).toEqual(['0d8c:0014']);
    expect(states).toEqual(['connected']);
    await device?.close();
  });
});
