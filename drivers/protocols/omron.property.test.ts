import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BLOOD_PRESSURE_RANGE } from './blood-pressure-frame';
import { createHem790itDecoder, encodeHem790itOk, encodeHem790itRecord, hem790itInputReports } from './omron-hem790it';
import {
  createHem7322uDecoder,
  encodeHem7322uBlockReply,
  encodeHem7322uRecord,
  HEM7322U_FIRST_ADDRESS,
} from './omron-hem7322u';
import { concatBytes } from '../../common/util/bytes';
import type { DecodedFrame, StreamDecoder } from './types';

/**
 * Property tests of the HID blood-pressure protocols (PROTOCOLS.md §2): whatever the input reports,
 * the decoders never throw and never report a valid value outside the physiological range; valid
 * replies built by the simulator side decode without errors.
 */
const within = (v: number | null, r: { min: number; max: number }) => v !== null && v >= r.min && v <= r.max;

function checkFrame(f: DecodedFrame): void {
  if (f.type === 'blood-pressure') {
    if (f.valid) {
      expect(within(f.systolic, BLOOD_PRESSURE_RANGE.systolic)).toBe(true);
      expect(within(f.diastolic, BLOOD_PRESSURE_RANGE.diastolic)).toBe(true);
      expect(within(f.pulseRate, BLOOD_PRESSURE_RANGE.pulseRate)).toBe(true);
      expect(f.diastolic!).toBeLessThan(f.systolic!);
      expect(f.takenAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
      expect(Number.isNaN(Date.parse(`${f.takenAt}Z`))).toBe(false);
    } else {
      expect([f.systolic, f.diastolic, f.pulseRate]).toEqual([null, null, null]);
      expect(f.flags.length).toBeGreaterThan(0);
    }
  } else if (f.type === 'error') expect(f.raw.length).toBeGreaterThan(0);
}

const decodeAll = (decoder: StreamDecoder, reports: Uint8Array[]) => [
  ...reports.flatMap((r) => decoder.push(r)),
  ...(decoder.flush?.() ?? []),
];

const byte = fc.integer({ min: 0, max: 255 });
const record = fc.record({
  year: fc.integer({ min: 2000, max: 2099 }),
  month: fc.integer({ min: 1, max: 12 }),
  day: fc.integer({ min: 1, max: 28 }),
  hour: fc.integer({ min: 0, max: 23 }),
  minute: fc.integer({ min: 0, max: 59 }),
  second: fc.integer({ min: 0, max: 59 }),
  systolic: byte,
  diastolic: byte,
  pulseRate: byte,
});
const flips = fc.array(fc.record({ at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }), {
  minLength: 1,
  maxLength: 6,
});

function mutate(reports: Uint8Array[], changes: { at: number; bit: number }[]): Uint8Array[] {
  const out = reports.map((r) => r.slice());
  const total = out.reduce((n, r) => n + r.length, 0);
  for (const { at, bit } of changes) {
    let i = at % total;
    const report = out.find((r) => (i < r.length ? true : ((i -= r.length), false)))!;
    report[i]! ^= 1 << bit;
  }
  return out;
}

describe('omron-hem790it properties', () => {
  it('random 8-byte reports never throw nor yield an out-of-range valid value', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ minLength: 0, maxLength: 9 }), { maxLength: 40 }), (reports) => {
        decodeAll(createHem790itDecoder(), reports).forEach(checkFrame);
      }),
      { numRuns: 300 },
    );
  });

  it('valid GME replies decode to exactly one reading each; mutated ones stay in range', () => {
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 8 }), flips, (records, changes) => {
        const reports = records.flatMap((r) =>
          hem790itInputReports(encodeHem790itOk([...encodeHem790itRecord(r).subarray(0, 13)])),
        );
        const frames = decodeAll(createHem790itDecoder(), reports);
        expect(frames.map((f) => f.type)).toEqual(records.map(() => 'blood-pressure'));
        frames.forEach(checkFrame);
        decodeAll(createHem790itDecoder(), mutate(reports, changes)).forEach(checkFrame);
      }),
      { numRuns: 200 },
    );
  });
});

describe('omron-hem7322u properties', () => {
  it('random reports of any length never throw nor yield an out-of-range valid value', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ minLength: 0, maxLength: 64 }), { maxLength: 20 }),
        fc.array(fc.nat(), { maxLength: 5 }),
        (reports, longAt) => {
          // Force some reports to pass as memory blocks so random record bytes are exercised.
          for (const at of longAt)
            if (reports.length > 0)
              reports[at % reports.length] = concatBytes([
                Uint8Array.of(0x02, 0x2f),
                reports[at % reports.length]!,
                new Uint8Array(64),
              ]).slice(0, 64);
          decodeAll(createHem7322uDecoder(), reports).forEach(checkFrame);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('memory of encoded records decodes record for record; mutated memory stays in range', () => {
    const record7322 = record.map(({ second: _s, ...r }) => r);
    fc.assert(
      fc.property(fc.array(record7322, { minLength: 1, maxLength: 12 }), flips, (records, changes) => {
        const memory = concatBytes(records.map(encodeHem7322uRecord));
        const padded = concatBytes([memory, new Uint8Array((40 - (memory.length % 40)) % 40).fill(0xff)]);
        const reports = Array.from({ length: padded.length / 40 }, (_, i) =>
          encodeHem7322uBlockReply(HEM7322U_FIRST_ADDRESS + 40 * i, padded.subarray(40 * i, 40 * i + 40)),
        );
        const frames = decodeAll(createHem7322uDecoder(), reports).filter((f) => f.type === 'blood-pressure');
        expect(frames).toHaveLength(records.length);
        frames.forEach(checkFrame);
        decodeAll(createHem7322uDecoder(), mutate(reports, changes)).forEach(checkFrame);
      }),
      { numRuns: 200 },
    );
  });
});
