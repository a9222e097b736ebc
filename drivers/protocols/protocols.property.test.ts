import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStreamDecoder } from '../catalogue/decoders';
import type { DeviceModelId } from '../catalogue/device-catalogue';
import { encodeLegacyFrame } from './contec-cms50-legacy';
import { encodeV7Realtime } from './contec-cms50-v7';
import { PHYSIOLOGICAL_RANGE } from './frames';
import { encodeFormat2Frame } from './nonin-format2';
import { encodeFormat7Frame } from './nonin-format7';
import { NONIN_FRAMES_PER_PACKET } from './nonin-packet';
import { concatBytes } from '../../common/util/bytes';
import type { DecodedFrame } from './types';
import { encodeSureTempBlock, encodeSureTempRecord, SURETEMP_CODES, SURETEMP_TYPE } from './welch-allyn-suretemp';

/**
 * Property tests shared by every serial protocol: bytes off a cable can be anything, so whatever the bytes and however
 * they are chunked, decoders never throw, never report a valid value outside the physiological
 * range, and decode a stream the same way whatever the chunk boundaries.
 */
const bit = fc.boolean();
const nibble = fc.integer({ min: 0, max: 15 });
const byte = fc.integer({ min: 0, max: 255 });

/** A valid stream of whole frames per protocol, and how many data/status frames it holds. */
const validStreams: Record<string, fc.Arbitrary<{ bytes: Uint8Array; frames: number }>> = {
  'contec-cms50-legacy': fc
    .array(
      fc.record({
        beep: bit,
        spo2Dropping: bit,
        fingerOut: bit,
        signal: nibble,
        pleth: fc.integer({ min: 0, max: 127 }),
        searching: bit,
        probeError: bit,
        bar: nibble,
        pulseRate: byte,
        spo2: fc.integer({ min: 0, max: 127 }),
      }),
      { minLength: 1, maxLength: 40 },
    )
    .map((fs) => ({ bytes: concatBytes(fs.map(encodeLegacyFrame)), frames: fs.length })),
  'contec-cms50-v7': fc
    .array(
      fc.record({
        signal: nibble,
        searchingTooLong: bit,
        lowSpo2: bit,
        beep: bit,
        probeError: bit,
        pleth: fc.integer({ min: 0, max: 127 }),
        searching: bit,
        bar: nibble,
        pulseRate: byte,
        spo2: fc.integer({ min: 0, max: 127 }),
        pi: fc.option(fc.integer({ min: 0, max: 0xffff })),
      }),
      { minLength: 1, maxLength: 40 },
    )
    .map((fs) => ({ bytes: concatBytes(fs.map(encodeV7Realtime)), frames: fs.length })),
  'nonin-format2': noninPackets(encodeFormat2Frame, 255),
  'nonin-format7': noninPackets(encodeFormat7Frame, 65535),
  'masimo-ascii': fc
    .array(
      fc.record({
        spo2: fc.option(fc.integer({ min: 0, max: 999 })),
        bpm: fc.option(fc.integer({ min: 0, max: 999 })),
        pi: fc.option(fc.integer({ min: 0, max: 9999 })),
        alarm: fc.integer({ min: 0, max: 0xffff }),
        exc: fc.integer({ min: 0, max: 0xffffff }),
      }),
      { minLength: 1, maxLength: 10 },
    )
    .map((ls) => ({
      bytes: new TextEncoder().encode(
        ls
          .map((l) => {
            const spo2 = l.spo2 === null ? '---' : String(l.spo2).padStart(3, '0');
            const bpm = l.bpm === null ? '---' : String(l.bpm).padStart(3, '0');
            const pi = l.pi === null ? '--.--' : (l.pi / 100).toFixed(2).padStart(5, '0');
            return `01/02/24 10:00:00 SPO2=${spo2}% BPM=${bpm} PI=${pi}% ALARM=${l.alarm.toString(16).padStart(4, '0')} EXC=${l.exc.toString(16).padStart(6, '0')}\r\n`;
          })
          .join(''),
      ),
      frames: ls.length,
    })),
  'welch-allyn-suretemp': fc
    .array(
      fc.record({
        finalKelvin: fc.float({ noDefaultInfinity: false }),
        probeKelvin: fc.float(),
        sampleCount: fc.nat(),
        method: byte,
        algorithm: byte,
        state: byte,
        errorCode: fc.integer({ min: 0, max: 0xffff }),
        active: bit,
        probeType: byte,
      }),
      { minLength: 1, maxLength: 10 },
    )
    .map((rs) => ({
      bytes: concatBytes(
        rs.map((r) =>
          encodeSureTempBlock(SURETEMP_CODES.temperatureRecord, SURETEMP_TYPE.response, encodeSureTempRecord(r)),
        ),
      ),
      frames: rs.length,
    })),
};

function noninPackets(encode: (f: { status: number; pleth: number; value: number }) => Uint8Array, plethMax: number) {
  // One status per packet (most real packets carry the same status in all 25 frames), so that
  // packets without unusable bits are common and HR/SpO2 range checks are exercised.
  const packetArb = fc.record({
    status: fc.integer({ min: 0x80, max: 0xff }).map((s) => s & ~0x01),
    frames: fc.array(fc.record({ pleth: fc.integer({ min: 0, max: plethMax }), value: byte }), {
      minLength: NONIN_FRAMES_PER_PACKET,
      maxLength: NONIN_FRAMES_PER_PACKET,
    }),
  });
  return fc.array(packetArb, { minLength: 1, maxLength: 4 }).map((packets) => ({
    bytes: concatBytes(
      packets.flatMap((p) => p.frames.map((f, i) => encode({ ...f, status: p.status | (i === 0 ? 0x01 : 0) }))),
    ),
    frames: packets.length,
  }));
}

/** Splits bytes at the given cut points (sorted, deduplicated). */
function chunk(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const p of points) {
    out.push(bytes.subarray(from, p));
    from = p;
  }
  out.push(bytes.subarray(from));
  return out;
}

function decode(model: DeviceModelId, chunks: Uint8Array[]): DecodedFrame[] {
  const decoder = createStreamDecoder(model);
  if (decoder === null) throw new Error(`no decoder for ${model}`);
  return chunks.flatMap((c) => decoder.push(c));
}

const within = (v: number, r: { min: number; max: number }) => v >= r.min && v <= r.max;

/** The invariants every decoded frame must keep, whatever the input. */
function checkFrame(f: DecodedFrame): void {
  if (f.type === 'oximetry') {
    for (const p of f.pleth) expect(within(p, { min: 0, max: 100 })).toBe(true);
    if (f.valid) {
      expect(f.spo2 !== null && within(f.spo2, PHYSIOLOGICAL_RANGE.spo2)).toBe(true);
      expect(f.pulseRate !== null && within(f.pulseRate, PHYSIOLOGICAL_RANGE.pulseRate)).toBe(true);
      if (f.perfusionIndex !== null) expect(within(f.perfusionIndex, PHYSIOLOGICAL_RANGE.perfusionIndex)).toBe(true);
    } else {
      expect([f.spo2, f.pulseRate, f.perfusionIndex]).toEqual([null, null, null]);
      expect(f.flags.length).toBeGreaterThan(0);
    }
  } else if (f.type === 'temperature') {
    if (f.valid) expect(f.celsius !== null && within(f.celsius, PHYSIOLOGICAL_RANGE.celsius)).toBe(true);
    else expect(f.celsius).toBeNull();
  } else if (f.type === 'error') {
    expect(f.raw.length).toBeGreaterThan(0);
  }
}

const models = Object.keys(validStreams) as DeviceModelId[];
const cutsArb = fc.array(fc.nat(), { maxLength: 12 });

describe.each(models)('%s properties', (model) => {
  const valid = validStreams[model]!;

  it('random bytes, randomly chunked: never throws, never a valid value out of range, chunking does not matter', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), cutsArb, (bytes, cuts) => {
        const whole = decode(model, [bytes]);
        whole.forEach(checkFrame);
        expect(decode(model, chunk(bytes, cuts))).toEqual(whole);
      }),
      { numRuns: 200 },
    );
  });

  it('valid frames decode without errors, identically whatever the chunks', () => {
    fc.assert(
      fc.property(valid, cutsArb, ({ bytes, frames }, cuts) => {
        const whole = decode(model, [bytes]);
        expect(whole.filter((f) => f.type === 'error')).toEqual([]);
        expect(whole.filter((f) => f.type !== 'status')).toHaveLength(frames);
        whole.forEach(checkFrame);
        expect(decode(model, chunk(bytes, cuts))).toEqual(whole);
      }),
      { numRuns: 150 },
    );
  });

  it('valid frames with bit flips and garbage inserted: never throws, never a valid value out of range', () => {
    const mutation = fc.record({ at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) });
    fc.assert(
      fc.property(
        valid,
        fc.array(mutation, { maxLength: 8 }),
        fc.uint8Array({ maxLength: 20 }),
        fc.nat(),
        cutsArb,
        ({ bytes }, flips, noise, noiseAt, cuts) => {
          const mutated = bytes.slice();
          for (const f of flips) mutated[f.at % mutated.length]! ^= 1 << f.bit;
          const at = noiseAt % (mutated.length + 1);
          const stream = concatBytes([mutated.subarray(0, at), noise, mutated.subarray(at)]);
          const whole = decode(model, [stream]);
          whole.forEach(checkFrame);
          expect(decode(model, chunk(stream, cuts))).toEqual(whole);
        },
      ),
      { numRuns: 200 },
    );
  });
});
