import { describe, expect, it } from 'vitest';
import {
  createHem790itDecoder,
  decodeHem790itRecord,
  encodeHem790itOk,
  encodeHem790itRecord,
  hem790itCommands,
  hem790itInputReports,
  hem790itModeReport,
  hem790itOutputReports,
  Hem790itReplyReader,
} from './omron-hem790it';
import { hex, withoutRaw } from './test-helpers';
import type { DecodedFrame } from './types';

const decodeReports = (...reports: string[]): DecodedFrame[] => {
  const decoder = createHem790itDecoder();
  return reports.flatMap((r) => decoder.push(hex(r)));
};

/** The device-clock time of the encoded test records. */
const AT = { year: 2026, month: 3, day: 2, hour: 10, minute: 4, second: 5 };

describe('omron-hem790it commands (PROTOCOLS.md §2.1)', () => {
  it('encodes VER, GDC, GME and END with the XOR of the bytes after the letters', () => {
    expect(hem790itCommands.version()).toEqual(hex('56 45 52 30 30'));
    expect(hem790itCommands.readingCount(1)).toEqual(hex('47 44 43 00 01 00 00 01'));
    expect(hem790itCommands.reading(1, 5)).toEqual(hex('47 4D 45 00 01 00 05 04'));
    expect(hem790itCommands.reading(0, 0)).toEqual(hex('47 4D 45 00 00 00 00 00'));
    expect(hem790itCommands.end()).toEqual(hex('45 4E 44 FF FF'));
  });

  it('selects modes with 2-byte feature reports behind report number 0', () => {
    expect(hem790itModeReport('deviceInfo')).toEqual(hex('00 01 01'));
    expect(hem790itModeReport('readings')).toEqual(hex('00 74 BC'));
    expect(hem790itModeReport('weeklyAverages')).toEqual(hex('00 10 74'));
  });

  it('splits a message over 8-byte reports whose byte 0 counts the valid bytes', () => {
    // libomron's raw example of GME newest: 07 47 4d 45 00 00 00 00 / 01 00.
    expect(hem790itOutputReports(hem790itCommands.reading(0, 0))).toEqual([
      hex('00 07 47 4D 45 00 00 00 00'),
      hex('00 01 00 00 00 00 00 00 00'),
    ]);
    expect(hem790itOutputReports(new Uint8Array(23)).map((r) => r[1])).toEqual([7, 7, 7, 2]);
  });
});

describe('omron-hem790it replies', () => {
  it('decodes the worked GME example: 2007-01-03 00:06:51, SYS 112, DIA 75, PR 71, standalone', () => {
    const frames = decodeReports('07 4F 4B 00 07 01 03 00', '07 06 33 00 00 70 4B 47', '03 00 00 4C 00 00 00 00');
    expect(withoutRaw(frames)).toEqual([
      {
        type: 'blood-pressure',
        systolic: 112,
        diastolic: 75,
        mean: null,
        pulseRate: 71,
        takenAt: '2007-01-03T00:06:51',
        flags: [],
        valid: true,
      },
    ]);
    expect(frames[0]!.raw).toEqual(hex('4F 4B 00 07 01 03 00 06 33 00 00 70 4B 47 00 00 4C'));
  });

  it('rejects the same record with one bit flipped (checksum)', () => {
    const frames = decodeReports('07 4F 4B 00 07 01 03 00', '07 06 33 00 00 71 4B 47', '03 00 00 4C 00 00 00 00');
    expect(frames).toMatchObject([{ type: 'error', reason: 'bad-checksum' }]);
  });

  it('decodes the version and count examples of the protocol notes, NO, bare OK and OFF', () => {
    expect(
      decodeReports('07 4F 4B 00 4D 37 30 38', '07 30 49 54 20 32 30 37', '01 4A 00 00 00 00 00 00'),
    ).toMatchObject([{ type: 'status', status: 'ok', detail: { version: 'M7080IT 207' } }]);
    expect(decodeReports('07 4F 4B 00 00 0A 00 08', '01 02 00 00 00 00 00 00')).toMatchObject([
      { type: 'status', status: 'ok', detail: { count: 8 } },
    ]);
    expect(decodeReports('02 4E 4F 00 00 00 00 00')).toMatchObject([{ type: 'status', status: 'no', detail: {} }]);
    expect(decodeReports('02 4F 4B 00 00 00 00 00')).toMatchObject([{ type: 'status', status: 'ok', detail: {} }]);
    // The END answer comes with count 7 and two bytes of junk.
    expect(decodeReports('07 4F 46 46 0D 0A 00 00')).toMatchObject([{ type: 'status', status: 'off' }]);
  });

  it('skips empty reports, reports garbage and over-long messages, and flushes a partial one as truncated', () => {
    expect(decodeReports('00 00 00 00 00 00 00 00')).toEqual([]);
    expect(decodeReports('09 4F 4B 00 00 00 00 00')).toMatchObject([{ type: 'error', reason: 'garbage' }]);
    expect(decodeReports('03 41 42 43 00 00 00 00')).toMatchObject([{ type: 'error', reason: 'garbage' }]);
    expect(
      decodeReports('07 4F 4B 00 00 00 00 00', '07 00 00 00 00 00 00 00', '07 00 00 00 00 00 00 00'),
    ).toMatchObject([{ type: 'error', reason: 'garbage' }]);
    const decoder = createHem790itDecoder();
    expect(decoder.push(hex('07 4F 4B 00 07 01 03 00'))).toEqual([]);
    expect(decoder.flush?.()).toMatchObject([{ type: 'error', reason: 'truncated', raw: hex('4F 4B 00 07 01 03 00') }]);
  });

  it('reads what the simulator side encodes, and never gives a valid value out of range', () => {
    const record = encodeHem790itRecord({
      ...AT,
      systolic: 250,
      diastolic: 60,
      pulseRate: 80,
    });
    const reader = new Hem790itReplyReader();
    const replies = hem790itInputReports(encodeHem790itOk([...record.subarray(0, 13)])).map((r) => reader.push(r));
    expect(replies.slice(0, -1)).toEqual([null, null]);
    expect(replies.at(-1)).toMatchObject({ kind: 'ok' });
    expect(decodeHem790itRecord(record)).toMatchObject({
      systolic: 250,
      diastolic: 60,
      pulseRate: 80,
      takenAt: '2026-03-02T10:04:05',
      valid: true,
    });
    const tooLow = encodeHem790itRecord({
      ...AT,
      systolic: 30,
      diastolic: 20,
      pulseRate: 80,
    });
    expect(decodeHem790itRecord(tooLow)).toMatchObject({
      systolic: null,
      diastolic: null,
      pulseRate: null,
      valid: false,
      flags: ['out-of-range'],
    });
    const inverted = encodeHem790itRecord({
      ...AT,
      systolic: 80,
      diastolic: 120,
      pulseRate: 80,
    });
    expect(decodeHem790itRecord(inverted)).toMatchObject({ valid: false, flags: ['out-of-range'] });
    const badDate = encodeHem790itRecord({
      year: 2026,
      month: 2,
      day: 30,
      hour: 10,
      minute: 4,
      second: 5,
      systolic: 120,
      diastolic: 80,
      pulseRate: 80,
    });
    expect(decodeHem790itRecord(badDate)).toMatchObject({ takenAt: null, valid: false });
    expect(decodeHem790itRecord(hex('FF FF FF FF FF FF FF FF FF FF FF FF FF FF'))).toMatchObject({
      type: 'status',
      status: 'empty-record',
    });
  });
});
