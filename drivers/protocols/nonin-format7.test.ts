import { describe, expect, it } from 'vitest';
import { NONIN_FRAMES_PER_PACKET, NONIN_STATUS } from './nonin-packet';
import { createFormat7Decoder, encodeFormat7Frame, noninFormat7, SET_FORMAT_7 } from './nonin-format7';
import { concatBytes } from '../../common/util/bytes';
import { decodeAll, hex } from './test-helpers';

describe('nonin-format7 (PROTOCOLS.md §1.3)', () => {
  it('worked example: sync frame with pleth 0x1234 is 83 12 34 00 C9', () => {
    expect(encodeFormat7Frame({ status: 0x83, pleth: 0x1234, value: 0 })).toEqual(hex('83 12 34 00 C9'));
  });

  it('decodes a packet starting with the worked example frame: 16-bit pleth, HR 72, SpO2 97', () => {
    const values: Record<number, number> = { 1: 72, 2: 97 };
    const rest = Array.from({ length: NONIN_FRAMES_PER_PACKET - 1 }, (_, i) =>
      encodeFormat7Frame({ status: 0x82, pleth: 0xffff, value: values[i + 1] ?? 0 }),
    );
    const frames = decodeAll(createFormat7Decoder(), concatBytes([hex('83 12 34 00 C9'), ...rest]));
    expect(frames).toMatchObject([{ type: 'oximetry', pulseRate: 72, spo2: 97, valid: true, flags: [] }]);
    const pleth = frames[0]?.type === 'oximetry' ? frames[0].pleth : [];
    expect(pleth[0]).toBeCloseTo((0x1234 / 65535) * 100, 1);
    expect(pleth[1]).toBe(100);
  });

  it('sends the set-format-7 command on open', () => {
    expect(SET_FORMAT_7).toEqual(hex('02 70 02 02 07 03'));
    expect(noninFormat7.startCommand).toEqual(SET_FORMAT_7);
  });

  it('rejects a bad checksum and resynchronises on the next frame start', () => {
    const frames = Array.from({ length: NONIN_FRAMES_PER_PACKET }, (_, i) =>
      encodeFormat7Frame({ status: 0x82 | (i === 0 ? NONIN_STATUS.sync : 0), pleth: 500, value: [0, 80, 95][i] ?? 0 }),
    );
    const corrupt = hex('83 12 34 00 C8');
    const out = decodeAll(createFormat7Decoder(), concatBytes([corrupt, hex('00 11'), ...frames]));
    expect(out).toMatchObject([
      { type: 'error', reason: 'bad-checksum' },
      { type: 'oximetry', pulseRate: 80, spo2: 95 },
    ]);
  });
});
