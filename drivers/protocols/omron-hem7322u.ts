import { bloodPressureFrame, deviceLocalTime, unreadableRecord, type DeviceClockFields } from './blood-pressure-frame';
import type { DecodedFrame, StreamDecoder } from './types';

/**
 * Omron HEM-7322U (M500 IT / M6 Comfort IT) over USB HID — PROTOCOLS.md §2.2, after LazyT/obpm
 * usb.cpp (confidence B). Pure: builds the command reports and reads the memory blocks.
 *
 * Commands are 9-byte hidapi buffers: 0x02 (what hidapi takes as the report number), 0x08 (the
 * length of what follows), 6 bytes, then a CRC = XOR of bytes 1…7. The device does not answer
 * `init` until the user presses START/STOP. A read returns 40 bytes of memory at offset 7 of the
 * input report; byte 1 of a reply is its length, as in the commands (obpm dumps data[1] + 1 bytes).
 * The reply header (bytes 2–6) and any reply CRC are not in any public source, so they are not
 * checked: the record checks (empty marker, real date, ranges) guard the values instead.
 */

/** Memory address of user 1's first record; user 2 follows user 1. */
export const HEM7322U_FIRST_ADDRESS = 0x02ac;
/** Bytes of memory per read command (0x28). */
export const HEM7322U_BLOCK_BYTES = 40;
export const HEM7322U_RECORD_BYTES = 14;
/** Records per user on the 7322U (60 on the 7131U). */
export const HEM7322U_RECORDS_PER_USER = 100;
/** Offset of the memory bytes in a read reply. */
const PAYLOAD_OFFSET = 7;

/** XOR of bytes 1…7 (obpm's buildCRC). */
export function hem7322uCrc(command: ArrayLike<number>): number {
  let crc = 0;
  for (let i = 1; i <= 7; i += 1) crc ^= command[i] ?? 0;
  return crc;
}

function command(op: number, b3: number, b4: number, b5: number, b6: number, b7: number): Uint8Array {
  const bytes = [0x02, 0x08, op, b3, b4, b5, b6, b7, 0];
  bytes[8] = hem7322uCrc(bytes);
  return Uint8Array.from(bytes.map((b) => b & 0xff));
}

/** The four commands the kiosk sends. */
export const hem7322uCommands = {
  /** Opens a transfer; unanswered until START/STOP is pressed. */
  init: () => command(0x00, 0x00, 0x00, 0x00, 0x10, 0x00),
  /** Reads 40 bytes of memory at `address`. */
  read: (address: number) => command(0x01, 0x00, (address >> 8) & 0xff, address & 0xff, HEM7322U_BLOCK_BYTES, 0x00),
  /** Ends the transfer normally. */
  done: () => command(0x0f, 0x00, 0x00, 0x00, 0x00, 0x00),
  /** Ends the transfer after an error or a cancel. */
  abort: () => command(0x0f, 0x0f, 0x0f, 0x0f, 0x00, 0x00),
};

/** What a command report asks (simulator side); null when it is not a well-formed command. */
export function parseHem7322uCommand(
  report: Uint8Array,
): { op: 'init' | 'done' | 'abort' } | { op: 'read'; address: number; length: number } | null {
  if (report.length < 9 || report[0] !== 0x02 || report[1] !== 0x08 || hem7322uCrc(report) !== report[8]) return null;
  const op = report[2];
  if (op === 0x00) return { op: 'init' };
  if (op === 0x01) return { op: 'read', address: (report[4]! << 8) | report[5]!, length: report[6]! };
  if (op === 0x0f) return { op: report[3] === 0x0f ? 'abort' : 'done' };
  return null;
}

/** The 40 memory bytes of a read reply, or null when the report is not one (too short, other reply). */
export function hem7322uBlockOf(report: Uint8Array): Uint8Array | null {
  if (
    report.length < PAYLOAD_OFFSET + HEM7322U_BLOCK_BYTES ||
    (report[1] ?? 0) < PAYLOAD_OFFSET - 1 + HEM7322U_BLOCK_BYTES
  )
    return null;
  return report.subarray(PAYLOAD_OFFSET, PAYLOAD_OFFSET + HEM7322U_BLOCK_BYTES);
}

/** Addresses of the blocks holding both users' records, in order (70 reads on the 7322U). */
export function hem7322uBlockAddresses(recordsPerUser = HEM7322U_RECORDS_PER_USER): number[] {
  const blocks = Math.ceil((2 * recordsPerUser * HEM7322U_RECORD_BYTES) / HEM7322U_BLOCK_BYTES);
  return Array.from({ length: blocks }, (_, i) => HEM7322U_FIRST_ADDRESS + i * HEM7322U_BLOCK_BYTES);
}

/**
 * One 14-byte record: DIA, SYS − 25, year − 2000, pulse, then month/day/hour/minute packed in
 * bytes 4–7 (obpm's decoding); bytes 8–13 are not decoded by any public source. A record starting
 * FF FF FF is an empty slot (status 'empty-record'); one whose date is not a date is corrupt.
 */
export function decodeHem7322uRecord(record: Uint8Array): DecodedFrame {
  const unreadable = unreadableRecord(record, HEM7322U_RECORD_BYTES);
  if (unreadable !== null) return unreadable;
  const raw = record.slice();
  // The length is checked above: the defaults never apply.
  const [b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0, b7 = 0] = record;
  const month = (b4 >> 2) & 0x0f;
  const day = (((b4 << 8) | b5) >> 5) & 0x1f;
  const hour = b5 & 0x1f;
  const minute = (((b6 << 8) | b7) >> 6) & 0x3f;
  // The year byte is years since 2000; past 2099 the record is not one this device wrote.
  const takenAt = b2 <= 99 ? deviceLocalTime({ year: 2000 + b2, month, day, hour, minute, second: 0 }) : null;
  return bloodPressureFrame({
    systolic: b1 + 25,
    diastolic: b0,
    pulseRate: b3,
    takenAt,
    flags: takenAt === null ? ['out-of-range'] : [],
    raw,
  });
}

/** A record as the device stores it (simulator side); bytes 8–13 are left zero. */
export function encodeHem7322uRecord(
  r: Omit<DeviceClockFields, 'second'> & {
    systolic: number;
    diastolic: number;
    pulseRate: number;
  },
): Uint8Array {
  const out = new Uint8Array(HEM7322U_RECORD_BYTES);
  out[0] = r.diastolic & 0xff;
  out[1] = (r.systolic - 25) & 0xff;
  out[2] = (r.year - 2000) & 0xff;
  out[3] = r.pulseRate & 0xff;
  const packedDate = ((r.month & 0x0f) << 10) | ((r.day & 0x1f) << 5) | (r.hour & 0x1f);
  out[4] = (packedDate >> 8) & 0xff;
  out[5] = packedDate & 0xff;
  const packedMinute = (r.minute & 0x3f) << 6;
  out[6] = (packedMinute >> 8) & 0xff;
  out[7] = packedMinute & 0xff;
  return out;
}

/** An empty memory slot. */
export const HEM7322U_EMPTY_RECORD = new Uint8Array(HEM7322U_RECORD_BYTES).fill(0xff);

/**
 * Splits memory read from HEM7322U_FIRST_ADDRESS into records (user 1 then user 2) and decodes
 * each; `user` is 1 or 2 by position.
 */
export function decodeHem7322uMemory(
  memory: Uint8Array,
  recordsPerUser = HEM7322U_RECORDS_PER_USER,
): { user: 1 | 2; frame: DecodedFrame }[] {
  const out: { user: 1 | 2; frame: DecodedFrame }[] = [];
  for (let i = 0; (i + 1) * HEM7322U_RECORD_BYTES <= memory.length && i < 2 * recordsPerUser; i += 1) {
    out.push({
      user: i < recordsPerUser ? 1 : 2,
      frame: decodeHem7322uRecord(memory.subarray(i * HEM7322U_RECORD_BYTES, (i + 1) * HEM7322U_RECORD_BYTES)),
    });
  }
  return out;
}

/**
 * Stream decoder for `kioskctl decode omron-hem7322u`: push one input report per call. Read replies
 * are taken to come in address order from HEM7322U_FIRST_ADDRESS, as obpm reads them; their memory
 * is cut into 14-byte records. Other replies (init, done) are status frames.
 */
export function createHem7322uDecoder(): StreamDecoder {
  let memory: number[] = [];
  return {
    push(report) {
      if (report.length === 0) return [];
      const block = hem7322uBlockOf(report);
      if (block === null)
        return [{ type: 'status', status: 'reply', detail: { length: report[1] ?? 0 }, raw: report.slice() }];
      memory.push(...block);
      const frames: DecodedFrame[] = [];
      while (memory.length >= HEM7322U_RECORD_BYTES)
        frames.push(decodeHem7322uRecord(Uint8Array.from(memory.splice(0, HEM7322U_RECORD_BYTES))));
      return frames;
    },
    reset() {
      memory = [];
    },
    flush() {
      const rest = Uint8Array.from(memory);
      memory = [];
      return rest.length === 0 ? [] : [{ type: 'error', reason: 'truncated', raw: rest }];
    },
  };
}

/** A read reply carrying `memory` (simulator side): [0x02, len, 0x81, 0, AH, AL, 0x28, 40 bytes, xor], 64 bytes. */
export function encodeHem7322uBlockReply(address: number, memory: Uint8Array): Uint8Array {
  const out = new Uint8Array(64);
  out.set([
    0x02,
    PAYLOAD_OFFSET + HEM7322U_BLOCK_BYTES,
    0x81,
    0x00,
    (address >> 8) & 0xff,
    address & 0xff,
    HEM7322U_BLOCK_BYTES,
  ]);
  out.set(memory.subarray(0, HEM7322U_BLOCK_BYTES), PAYLOAD_OFFSET);
  let crc = 0;
  for (let i = 1; i < PAYLOAD_OFFSET + HEM7322U_BLOCK_BYTES; i += 1) crc ^= out[i]!;
  out[PAYLOAD_OFFSET + HEM7322U_BLOCK_BYTES] = crc;
  return out;
}

/** A short acknowledgement of init/done/abort (simulator side): the command echoed with bit 7 set, 64 bytes. */
export function encodeHem7322uAck(commandReport: Uint8Array): Uint8Array {
  const out = new Uint8Array(64);
  out.set(commandReport.subarray(0, 9));
  out[2] = (out[2]! | 0x80) & 0xff;
  out[8] = hem7322uCrc(out);
  return out;
}
