import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DeviceModelId } from '../catalogue/device-catalogue';
import type { Logger } from '../../common/util/logger';
import type { DeviceReading } from './device';
import { Oximeter } from './oximeter';
import { Thermometer } from './thermometer';
import { fakeOpener } from './testing/fake-serial-port';
import { ManualClock } from '../../common/util/testing/manual-clock';

const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const OXIMETERS: DeviceModelId[] = [
  'contec-cms50-legacy',
  'contec-cms50-v7',
  'nonin-format2',
  'nonin-format7',
  'masimo-ascii',
];

/** A valid reading's values are physiological; an invalid one carries none. */
function sane(r: DeviceReading): boolean {
  if (r.type === 'oximetry') {
    if (!r.valid) return r.spo2 === null && r.pulseRate === null;
    return (
      r.spo2 !== null && r.spo2 >= 0 && r.spo2 <= 100 && r.pulseRate !== null && r.pulseRate >= 0 && r.pulseRate <= 350
    );
  }
  if (r.type === 'temperature')
    return r.valid ? r.celsius !== null && r.celsius >= 20 && r.celsius <= 45 : r.celsius === null;
  return true;
}

describe('devices fed random bytes', () => {
  it('never throw and never emit a reading with values outside physiology (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<DeviceModelId>(...OXIMETERS, 'welch-allyn-suretemp'),
        fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 40 }),
        fc.boolean(),
        async (model, chunks, measure) => {
          const clock = new ManualClock();
          const ports = fakeOpener();
          const deps = { clock, logger: quiet, openSerial: ports.open };
          const config = { id: 'dev-1', model, port: '/dev/fuzz' };
          const device = model === 'welch-allyn-suretemp' ? new Thermometer(config, deps) : new Oximeter(config, deps);
          const readings: DeviceReading[] = [];
          device.on('readingReceived', (r) => readings.push(r));
          const errorsWithoutReason: string[] = [];
          device.on('statusChanged', (st) => {
            if (st.state === 'error' && st.reason === null) errorsWithoutReason.push(st.state);
          });
          await device.open();
          if (measure) await device.startMeasurement();
          for (const chunk of chunks) {
            ports.opened.at(-1)?.feed(chunk);
            clock.advance(50);
          }
          clock.advance(120_000);
          await device.close();
          expect(readings.every(sane)).toBe(true);
          expect(errorsWithoutReason).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });
});
