import { describe, expect, it } from 'vitest';
import { createFormat2Decoder, encodeFormat2Frame, encodeNoninSetFormat } from './nonin-format2';
import {
  NONIN_FRAMES_PER_PACKET,
  NONIN_STATUS,
  noninChecksum,
  parseNoninSetFormat,
  type NoninFrame,
} from './nonin-packet';
import { concatBytes } from '../../common/util/bytes';
import { decodeAll, hex } from './test-helpers';

/** The rest of a green-perfusion packet after the given first frames (values 0, pleth 0x80). */
function fillPacket(first: Uint8Array[], status = 0x82): Uint8Array {
  const rest = Array.from({ length: NONIN_FRAMES_PER_PACKET - first.length }, () =>
    encodeFormat2Frame({ status, pleth: 0x80, value: 0 }),
  );
  return concatBytes([...first, ...rest]);
}

function packet(values: Record<number, number>, status = 0x82, pleth = (i: number) => i * 10): Uint8Array {
  const frames: NoninFrame[] = Array.from({ length: NONIN_FRAMES_PER_PACKET }, (_, i) => ({
    status: status | (i === 0 ? NONIN_STATUS.sync : 0),
    pleth: pleth(i),
    value: values[i] ?? 0,
  }));
  return concatBytes(frames.map(encodeFormat2Frame));
}

describe('nonin-format2 (PROTOCOLS.md §1.3 worked examples)', () => {
  it('real capture frames 01 81 AF 00 31 and 01 80 43 4A 0E have valid checksums', () => {
    expect(noninChecksum(hex('01 81 AF 00'))).toBe(0x31);
    expect(noninChecksum(hex('01 80 43 4A'))).toBe(0x0e);
    expect(encodeFormat2Frame({ status: 0x81, pleth: 175, value: 0 })).toEqual(hex('01 81 AF 00 31'));
    expect(encodeFormat2Frame({ status: 0x80, pleth: 67, value: 74 })).toEqual(hex('01 80 43 4A 0E'));
  });

  it('packet start 01 83 80 00 04, 01 82 82 48 4D, 01 82 84 61 68 → HR 72, SpO2 97', () => {
    const frames = decodeAll(
      createFormat2Decoder(),
      fillPacket([hex('01 83 80 00 04'), hex('01 82 82 48 4D'), hex('01 82 84 61 68')]),
    );
    expect(frames).toHaveLength(1);
    expect(frames[0]).toMatchObject({
      type: 'oximetry',
      pulseRate: 72,
      spo2: 97,
      perfusionIndex: null,
      valid: true,
      flags: [],
    });
    expect(frames[0]?.type === 'oximetry' && frames[0].pleth).toHaveLength(25);
    expect(frames[0]?.type === 'oximetry' && frames[0].pleth[0]).toBeCloseTo((0x80 / 255) * 100, 1);
  });

  it('the real capture sync frame starts a packet', () => {
    const frames = decodeAll(createFormat2Decoder(), fillPacket([hex('01 81 AF 00 31'), hex('01 80 43 4A 0E')], 0x80));
    // HR = (0 << 7) | 0x4A = 74, SpO2 byte 0: SpO2 0 is in range; no status flags in 0x80.
    expect(frames).toMatchObject([{ type: 'oximetry', pulseRate: 74, spo2: 0 }]);
  });

  it('encodes the set-format command in both forms', () => {
    expect(encodeNoninSetFormat(2)).toEqual(hex('02 70 02 02 02 03'));
    expect(encodeNoninSetFormat(7, 0x21)).toEqual(hex('02 70 04 02 07 21 9E 03'));
    expect(parseNoninSetFormat(hex('02 70 04 02 07 21 9E 03'))).toBe(7);
    expect(parseNoninSetFormat(hex('02 70 04 02 07 21 9F 03'))).toBeNull();
  });
});

describe('nonin-format2 packets', () => {
  it('HR above 127 uses the MSB bits; HR 300 and SpO2 90', () => {
    expect(decodeAll(createFormat2Decoder(), packet({ 0: 0x02, 1: 0x2c, 2: 90 }))).toMatchObject([
      { pulseRate: 300, spo2: 90, valid: true },
    ]);
  });

  it('missing values (HR 511, SpO2 127) with the sensor alarm → finger out, invalid', () => {
    const frames = decodeAll(
      createFormat2Decoder(),
      packet({ 0: 0x03, 1: 0x7f, 2: 0x7f }, 0x80 | NONIN_STATUS.sensorAlarm),
    );
    expect(frames).toMatchObject([
      { type: 'oximetry', valid: false, spo2: null, pulseRate: null, flags: ['finger-out'] },
    ]);
  });

  it('maps sensor disconnect, artifact, red perfusion and low battery', () => {
    const status = 0x80 | NONIN_STATUS.sensorDisconnect | NONIN_STATUS.artifact | NONIN_STATUS.perfusionRed;
    const frames = decodeAll(createFormat2Decoder(), packet({ 0: 0, 1: 70, 2: 96, 7: 0x01 }, status));
    expect(frames[0]).toMatchObject({
      valid: false,
      flags: expect.arrayContaining(['sensor-off', 'artifact', 'low-perfusion', 'low-battery']) as unknown,
    });
  });

  it('skips frames before the first sync frame, and a packet that lost a frame', () => {
    const good = packet({ 0: 0, 1: 72, 2: 97 });
    const broken = concatBytes([good.subarray(0, 50), hex('01 82 00 00 00'), good.subarray(55)]); // frame 10 bad checksum
    const frames = decodeAll(createFormat2Decoder(), good.subarray(100), broken, good);
    expect(frames.filter((f) => f.type === 'oximetry')).toHaveLength(1);
    expect(frames.filter((f) => f.type === 'error').map((f) => f.type === 'error' && f.reason)).toContain('truncated');
    expect(frames.at(-1)).toMatchObject({ type: 'oximetry', pulseRate: 72, spo2: 97 });
  });
});
