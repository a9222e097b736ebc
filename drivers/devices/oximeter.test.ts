import { describe, expect, it } from 'vitest';
import type { Logger } from '../../common/util/logger';
import { encodeV7Realtime } from '../protocols/contec-cms50-v7';
import type { DeviceReading } from './device';
import { Oximeter } from './oximeter';
import { fakeOpener } from './testing/fake-serial-port';
import { ManualClock } from '../../common/util/testing/manual-clock';

const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

function realtime(spo2: number, pulseRate: number, probeError = false) {
  return encodeV7Realtime({
    signal: 5,
    searchingTooLong: false,
    lowSpo2: false,
    beep: false,
    probeError,
    pleth: 60,
    searching: false,
    bar: 5,
    pulseRate: probeError ? 0xff : pulseRate,
    spo2: probeError ? 0x7f : spo2,
    pi: null,
  });
}

function setup() {
  const clock = new ManualClock();
  const ports = fakeOpener();
  const device = new Oximeter(
    { id: 'oximeter-1', model: 'contec-cms50-v7', port: '/dev/kiosk-oximeter' },
    { clock, logger: quiet, openSerial: ports.open },
    {
      spotCheck: { holdMs: 1000, spo2Tolerance: 2, pulseTolerance: 5, failAfterMs: 2000, timeoutMs: 30_000 },
    },
  );
  const statuses: string[] = [];
  device.on('statusChanged', (s) => statuses.push(s.reason ? `${s.state}:${s.reason.code}` : s.state));
  return { clock, ports, device, statuses };
}

describe('Oximeter (Contec V7) against a fake port and a manual clock', () => {
  it('opens at 115200 8N1, sends the start command, a keep-alive every 5 s, and stop on close', async () => {
    const { clock, ports, device } = setup();
    await device.open();
    const port = ports.opened[0]!;
    expect(port.settings).toEqual({ baudRate: 115200, dataBits: 8, parity: 'none', stopBits: 1 });
    expect(port.writes.map(hex)).toEqual(['7d81a1808080808080']);
    // Keep streaming so the probe never switches to the legacy settings.
    for (let t = 0; t < 10_000; t += 100) {
      port.feed(realtime(97, 72));
      clock.advance(100);
    }
    expect(port.writes.map(hex).slice(1)).toEqual(['7d81af808080808080', '7d81af808080808080']);
    await device.close();
    expect(port.writes.map(hex).at(-1)).toBe('7d81a2808080808080');
    expect(port.closed).toBe(true);
  });

  it('reports connected after a few good frames, live readings, and a stable final reading', async () => {
    const { clock, ports, device, statuses } = setup();
    const readings: DeviceReading[] = [];
    device.on('readingReceived', (r) => readings.push(r));
    await device.open();
    const port = ports.opened[0]!;
    for (let i = 0; i < 3; i += 1) port.feed(realtime(97, 72));
    expect(statuses).toEqual(['connecting', 'connected']);
    await device.startMeasurement();
    for (let t = 0; t <= 1000; t += 100) {
      port.feed(realtime(t < 500 ? 97 : 98, 72));
      clock.advance(100);
    }
    const final = readings.filter((r) => r.final);
    expect(final).toHaveLength(1);
    expect(final[0]).toMatchObject({ type: 'oximetry', spo2: 98, pulseRate: 72, valid: true, progress: 1 });
    expect(
      readings
        .filter((r) => !r.final)
        .map((r) => r.progress)
        .slice(-2),
    ).toEqual([0.8, 0.9]);
  });

  it('fails the measurement with the reason when the finger stays out', async () => {
    const { clock, ports, device } = setup();
    const failures: string[] = [];
    device.on('measurementFailed', (f) => failures.push(f.code));
    await device.open();
    const port = ports.opened[0]!;
    for (let i = 0; i < 3; i += 1) port.feed(realtime(97, 72));
    await device.startMeasurement();
    for (let t = 0; t <= 2000; t += 100) {
      port.feed(realtime(0, 0, true));
      clock.advance(100);
    }
    expect(failures).toEqual(['finger-out']);
  });

  it('falls back to the legacy settings when no V7 frame comes, and reports an unplug', async () => {
    const { clock, ports, device, statuses } = setup();
    await device.open();
    clock.advance(3_000);
    await new Promise((resolve) => setImmediate(resolve)); // the switch closes and opens asynchronously
    expect(ports.opened.map((p) => p.settings.baudRate)).toEqual([115200, 19200]);
    expect(ports.opened[0]!.closed).toBe(true);
    ports.opened[1]!.feed(
      Uint8Array.of(0xc4, 0x35, 0x06, 0x48, 0x61, 0xc4, 0x35, 0x06, 0x48, 0x61, 0xc4, 0x35, 0x06, 0x48, 0x61),
    );
    expect(statuses.at(-1)).toBe('connected');
    ports.opened[1]!.unplug();
    expect(statuses.at(-1)).toBe('disconnected:device-unplugged');
  });

  it('never throws for a port that cannot be opened: it says why', async () => {
    const { ports, device, statuses } = setup();
    ports.missing.value = true;
    await expect(device.open()).resolves.toBeUndefined();
    expect(statuses).toEqual(['connecting', 'disconnected:port-unavailable']);
  });
});
