import { describe, expect, it } from 'vitest';
import { createLegacyDecoder, encodeLegacyFrame, decodeLegacyFields } from './contec-cms50-legacy';
import { decodeAll, hex } from './test-helpers';

describe('contec-cms50-legacy (PROTOCOLS.md §1.1 worked examples)', () => {
  it('C4 35 06 48 61 → beep, signal 4, pleth 53, bar 6, PR 72, SpO2 97', () => {
    const bytes = hex('C4 35 06 48 61');
    expect(decodeLegacyFields(bytes)).toMatchObject({
      beep: true,
      signal: 4,
      pleth: 53,
      bar: 6,
      pulseRate: 72,
      spo2: 97,
      fingerOut: false,
      probeError: false,
    });
    const [f] = decodeAll(createLegacyDecoder(), bytes);
    expect(f).toMatchObject({
      type: 'oximetry',
      spo2: 97,
      pulseRate: 72,
      perfusionIndex: null,
      valid: true,
      flags: [],
    });
    expect(f?.type === 'oximetry' && f.pleth[0]).toBeCloseTo((53 / 127) * 100, 1);
  });

  it('84 20 43 16 5F → pleth 32, bar 3, PR 128 + 22 = 150, SpO2 95', () => {
    const bytes = hex('84 20 43 16 5F');
    expect(decodeLegacyFields(bytes)).toMatchObject({
      beep: false,
      signal: 4,
      pleth: 32,
      bar: 3,
      pulseRate: 150,
      spo2: 95,
    });
    expect(decodeAll(createLegacyDecoder(), bytes)).toMatchObject([
      { type: 'oximetry', spo2: 95, pulseRate: 150, valid: true },
    ]);
  });

  it('90 00 10 7F 7F → finger out + probe error: invalid, values null', () => {
    expect(decodeAll(createLegacyDecoder(), hex('90 00 10 7F 7F'))).toMatchObject([
      { type: 'oximetry', spo2: null, pulseRate: null, valid: false, flags: ['finger-out', 'probe-error'] },
    ]);
  });
});

describe('contec-cms50-legacy framing', () => {
  it('resynchronises after garbage and reports the skipped run as one error frame', () => {
    const frames = decodeAll(createLegacyDecoder(), hex('12 34 FF 56 C4 35 06 48 61'));
    expect(frames.map((f) => f.type)).toEqual(['error', 'oximetry']);
    expect(frames[0]).toMatchObject({ type: 'error', raw: hex('12 34 FF 56') });
  });

  it('rejects a start byte followed by a byte with bit 7 set (sync bits)', () => {
    const frames = decodeAll(createLegacyDecoder(), hex('C4 35 86 48 61 C4 35 06 48 61'));
    expect(frames.filter((f) => f.type === 'oximetry')).toHaveLength(1);
    expect(frames[0]).toMatchObject({ type: 'error', reason: 'bad-sync' });
  });

  it('flags an in-band value out of the physiological range (SpO2 127 without flags)', () => {
    const bytes = encodeLegacyFrame({
      beep: false,
      spo2Dropping: false,
      fingerOut: false,
      signal: 5,
      pleth: 10,
      searching: false,
      probeError: false,
      bar: 3,
      pulseRate: 80,
      spo2: 127,
    });
    expect(decodeAll(createLegacyDecoder(), bytes)).toMatchObject([
      { valid: false, spo2: null, flags: ['out-of-range'] },
    ]);
  });

  it('waits for the rest of a frame split across chunks, and forgets it on reset', () => {
    const d = createLegacyDecoder();
    expect(d.push(hex('C4 35'))).toEqual([]);
    expect(d.push(hex('06 48 61'))).toMatchObject([{ spo2: 97 }]);
    d.push(hex('C4 35'));
    d.reset();
    // Without the start byte the tail is garbage, reported once the next frame is found.
    expect(d.push(hex('06 48 61'))).toEqual([]);
    expect(d.push(hex('C4 35 06 48 61'))).toMatchObject([
      { type: 'error', reason: 'garbage', raw: hex('06 48 61') },
      { type: 'oximetry', spo2: 97 },
    ]);
  });
});
