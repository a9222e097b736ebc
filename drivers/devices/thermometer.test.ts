import { describe, expect, it } from 'vitest';
import type { Logger } from '../../common/util/logger';
import {
  encodeSureTempBlock,
  encodeSureTempRecord,
  KELVIN_OFFSET,
  SURETEMP_CODES,
  SURETEMP_TYPE,
  welchAllynSureTemp,
} from '../protocols/welch-allyn-suretemp';
import type { DeviceReading } from './device';
import { Thermometer } from './thermometer';
import { fakeOpener, type FakeSerialPort } from './testing/fake-serial-port';
import { ManualClock } from '../../common/util/testing/manual-clock';

const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const flush = () => new Promise((resolve) => setImmediate(resolve));

function record(probeC: number, finalC: number | null, errorCode = 0) {
  return encodeSureTempBlock(
    SURETEMP_CODES.temperatureRecord,
    SURETEMP_TYPE.response,
    encodeSureTempRecord({
      finalKelvin: finalC === null ? 0 : finalC + KELVIN_OFFSET,
      probeKelvin: probeC + KELVIN_OFFSET,
      sampleCount: 1,
      method: 0,
      algorithm: 0,
      state: 2,
      errorCode,
      active: finalC === null,
      probeType: 0,
    }),
  );
}

/** Answers every command written since the last call with `reply(command bytes)`. */
function answer(port: FakeSerialPort, seen: { n: number }, reply: (command: Uint8Array) => Uint8Array) {
  while (seen.n < port.writes.length) port.feed(reply(port.writes[seen.n++]!));
}

async function setup() {
  const clock = new ManualClock();
  const ports = fakeOpener();
  const device = new Thermometer(
    { id: 'thermometer-1', model: 'welch-allyn-suretemp', port: '/dev/kiosk-thermometer' },
    { clock, logger: quiet, openSerial: ports.open },
    { failAfterMs: 1000, timeoutMs: 20_000 },
  );
  const readings: DeviceReading[] = [];
  const statuses: string[] = [];
  device.on('readingReceived', (r) => readings.push(r));
  device.on('statusChanged', (s) => statuses.push(s.reason ? `${s.state}:${s.reason.code}` : s.state));
  const opening = device.open();
  await flush();
  const port = ports.opened[0]!;
  const seen = { n: 0 };
  return { clock, device, readings, statuses, port, seen, opening };
}

const isPoll = (c: Uint8Array) => c[3] === 0x94;
const ack = (c: Uint8Array) => encodeSureTempBlock((c[3]! << 8) | c[4]!, SURETEMP_TYPE.response);

describe('Thermometer (SureTemp) against a fake port and a manual clock', () => {
  it('sets the method, then polls the record one request at a time, and gives the final reading of a measurement', async () => {
    const { clock, device, readings, statuses, port, seen, opening } = await setup();
    expect(port.settings).toEqual({ baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 });
    expect(Buffer.from(port.writes[0]!).toString('hex')).toBe(
      Buffer.from(welchAllynSureTemp.startCommand!).toString('hex'),
    );
    answer(port, seen, ack);
    await opening;
    let probe = 30;
    let final: number | null = null;
    const step = async () => {
      clock.advance(250);
      await flush();
      answer(port, seen, (c) => (isPoll(c) ? record(probe, final) : ack(c)));
      await flush();
    };
    await step();
    expect(statuses).toEqual(['connecting', 'connected']);
    expect(readings.at(-1)).toMatchObject({ type: 'temperature', final: false, valid: true });
    // A final value shown before the measurement started is not taken as this measurement's.
    final = 37.1;
    await step();
    const measuring = device.startMeasurement();
    await flush();
    answer(port, seen, (c) => (isPoll(c) ? record(probe, final) : ack(c)));
    await measuring;
    await step();
    expect(readings.filter((r) => r.final)).toEqual([]);
    final = null;
    probe = 36.5;
    await step();
    final = 36.9;
    await step();
    const finals = readings.filter((r) => r.final);
    expect(finals).toHaveLength(1);
    expect(finals[0]!.type === 'temperature' && finals[0]!.celsius).toBeCloseTo(36.9, 3);
    // Never more than one command waiting for its answer on the line.
    expect(port.writes.length - seen.n).toBeLessThanOrEqual(1);
  });

  it('reports a mute device with the named poll timeout, and recovers when it answers again', async () => {
    const { clock, statuses, port, seen, opening } = await setup();
    answer(port, seen, ack);
    await opening;
    for (let i = 0; i < 10; i += 1) {
      clock.advance(250);
      await flush();
    }
    expect(statuses.at(-1)).toBe('error:no-response');
    clock.advance(1000);
    await flush();
    answer(port, seen, (c) => (isPoll(c) ? record(25, null) : ack(c)));
    await flush();
    expect(statuses.at(-1)).toBe('connected');
  });
});
