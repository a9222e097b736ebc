import { describe, expect, it } from 'vitest';
import {
  createHem7322uDecoder,
  decodeHem7322uMemory,
  decodeHem7322uRecord,
  encodeHem7322uAck,
  encodeHem7322uBlockReply,
  encodeHem7322uRecord,
  HEM7322U_EMPTY_RECORD,
  hem7322uBlockAddresses,
  hem7322uBlockOf,
  hem7322uCommands,
  parseHem7322uCommand,
} from './omron-hem7322u';
import { concatBytes } from '../../common/util/bytes';
import { hex, withoutRaw } from './test-helpers';

describe('omron-hem7322u commands (PROTOCOLS.md §2.2)', () => {
  it('builds init, the first read, done and abort with CRC = XOR of bytes 1…7', () => {
    expect(hem7322uCommands.init()).toEqual(hex('02 08 00 00 00 00 10 00 18'));
    expect(hem7322uCommands.read(0x02ac)).toEqual(hex('02 08 01 00 02 AC 28 00 8F'));
    expect(hem7322uCommands.done()).toEqual(hex('02 08 0F 00 00 00 00 00 07'));
    expect(hem7322uCommands.abort()).toEqual(hex('02 08 0F 0F 0F 0F 00 00 08'));
  });

  it('reads both users of 100 records in 70 blocks from 0x02AC, +0x28 each', () => {
    const addresses = hem7322uBlockAddresses();
    expect(addresses).toHaveLength(70);
    expect(addresses.slice(0, 2)).toEqual([0x02ac, 0x02d4]);
    expect(parseHem7322uCommand(hem7322uCommands.read(0x02d4))).toEqual({ op: 'read', address: 0x02d4, length: 40 });
    // A corrupted CRC is not a command.
    expect(parseHem7322uCommand(hex('02 08 01 00 02 AC 28 00 8E'))).toBeNull();
  });
});

describe('omron-hem7322u records', () => {
  it('decodes the worked example: DIA 80, SYS 125, 2024-03-14 09:30, PR 66', () => {
    const frame = decodeHem7322uRecord(hex('50 64 18 42 0D C9 07 80 00 00 00 00 00 00'));
    expect(withoutRaw([frame])).toEqual([
      {
        type: 'blood-pressure',
        systolic: 125,
        diastolic: 80,
        mean: null,
        pulseRate: 66,
        takenAt: '2024-03-14T09:30:00',
        flags: [],
        valid: true,
      },
    ]);
    expect(
      encodeHem7322uRecord({
        year: 2024,
        month: 3,
        day: 14,
        hour: 9,
        minute: 30,
        systolic: 125,
        diastolic: 80,
        pulseRate: 66,
      }).subarray(0, 8),
    ).toEqual(hex('50 64 18 42 0D C9 07 80'));
  });

  it('detects empty slots (FF FF FF) and refuses impossible dates and values', () => {
    expect(decodeHem7322uRecord(HEM7322U_EMPTY_RECORD)).toMatchObject({ type: 'status', status: 'empty-record' });
    expect(decodeHem7322uRecord(hex('FF FF FF 00 00 00 00 00 00 00 00 00 00 00'))).toMatchObject({
      type: 'status',
      status: 'empty-record',
    });
    // Month 0.
    expect(decodeHem7322uRecord(hex('50 64 18 42 01 C9 07 80 00 00 00 00 00 00'))).toMatchObject({
      valid: false,
      takenAt: null,
      systolic: null,
    });
    // DIA 250.
    expect(decodeHem7322uRecord(hex('FA 64 18 42 0D C9 07 80 00 00 00 00 00 00'))).toMatchObject({
      valid: false,
      flags: ['out-of-range'],
    });
    expect(decodeHem7322uRecord(hex('50 64 18'))).toMatchObject({ type: 'error', reason: 'truncated' });
  });

  it('cuts memory into records across 40-byte blocks (user 1, then user 2)', () => {
    const one = encodeHem7322uRecord({
      year: 2026,
      month: 3,
      day: 1,
      hour: 8,
      minute: 5,
      systolic: 130,
      diastolic: 85,
      pulseRate: 70,
    });
    const two = encodeHem7322uRecord({
      year: 2026,
      month: 3,
      day: 2,
      hour: 8,
      minute: 6,
      systolic: 140,
      diastolic: 90,
      pulseRate: 75,
    });
    const three = encodeHem7322uRecord({
      year: 2026,
      month: 3,
      day: 3,
      hour: 8,
      minute: 7,
      systolic: 150,
      diastolic: 95,
      pulseRate: 80,
    });
    const memory = concatBytes([one, two, three, HEM7322U_EMPTY_RECORD]);
    const blocks = [memory.subarray(0, 40), concatBytes([memory.subarray(40), new Uint8Array(24).fill(0xff)])].map(
      (b, i) => encodeHem7322uBlockReply(0x02ac + 40 * i, b),
    );
    expect(blocks.map((b) => hem7322uBlockOf(b))).toEqual([memory.subarray(0, 40), expect.any(Uint8Array)]);
    const decoder = createHem7322uDecoder();
    const frames = [encodeHem7322uAck(hem7322uCommands.init()), ...blocks].flatMap((r) => decoder.push(r));
    expect(
      frames.map((f) => (f.type === 'blood-pressure' ? f.systolic : f.type === 'status' ? f.status : f.type)),
    ).toEqual(['reply', 130, 140, 150, 'empty-record', 'empty-record']);
    expect(decoder.flush?.()).toMatchObject([{ type: 'error', reason: 'truncated' }]);
    expect(decodeHem7322uMemory(memory, 2).map((r) => r.user)).toEqual([1, 1, 2, 2]);
  });

  it('is not fooled by a short reply: a block needs 47 bytes and a length byte that covers them', () => {
    expect(hem7322uBlockOf(encodeHem7322uAck(hem7322uCommands.init()))).toBeNull();
    expect(hem7322uBlockOf(new Uint8Array(30))).toBeNull();
  });
});
