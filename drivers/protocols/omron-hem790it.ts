import { assertUnreachable } from '../../common/util/assert-unreachable';
import { bloodPressureFrame, deviceLocalTime, unreadableRecord, type DeviceClockFields } from './blood-pressure-frame';
import type { DecodedFrame, StreamDecoder } from './types';

/**
 * Omron HEM-790IT family (also 7080IT) over USB HID — PROTOCOLS.md §2.1, after openyou/libomron.
 * Pure: builds the reports to write and reads the reports that come back; no I/O.
 *
 * Every report is 8 bytes without a report id; byte 0 counts the valid bytes that follow (≤ 7),
 * so one message spans several reports. Written reports get hidapi's 0x00 report number in front.
 */

/** Report data bytes after the count byte. */
const REPORT_DATA_BYTES = 7;
/** The longest reply read here (GME: "OK", 0x00, 14-byte record); anything longer is garbage. */
const MAX_REPLY_BYTES = 17;
/** Size of one GME record, checksum included. */
export const HEM790IT_RECORD_BYTES = 14;

/** Feature reports (2 data bytes) that select what the following commands read. */
export const HEM790IT_MODES = {
  deviceInfo: [0x01, 0x01],
  readings: [0x74, 0xbc],
  weeklyAverages: [0x10, 0x74],
} as const satisfies Record<string, readonly [number, number]>;
export type Hem790itMode = keyof typeof HEM790IT_MODES;

/** After a mode change the host sends zeros until the device answers OK (libomron: 23 bytes). */
export const HEM790IT_CLEARING_BLOCK = new Uint8Array(23);

export function xorBytes(bytes: ArrayLike<number>): number {
  let x = 0;
  for (let i = 0; i < bytes.length; i += 1) x ^= bytes[i]!;
  return x;
}

/** The feature report selecting `mode`, as hidapi takes it (report number 0 first). */
export function hem790itModeReport(mode: Hem790itMode): Uint8Array {
  return Uint8Array.from([0x00, ...HEM790IT_MODES[mode]]);
}

/** 3 ASCII letters, the parameters, and their XOR (the letters are not in the checksum). */
export function encodeHem790itCommand(letters: string, params: readonly number[]): Uint8Array {
  if (!/^[A-Z]{3}$/.test(letters)) throw new Error(`HEM-790IT command must be 3 capital letters, got "${letters}"`);
  return Uint8Array.from([...letters].map((c) => c.charCodeAt(0)).concat(params, [xorBytes(params)]));
}

/** The commands the kiosk sends (bank: 0 = user A; index 0 = newest record). */
export const hem790itCommands = {
  /** "VER00": the unit's version string (device-info mode). */
  version: () => encodeHem790itCommand('VER', [0x30]),
  /** "GDC": how many readings the bank holds (readings mode). */
  readingCount: (bank: number) => encodeHem790itCommand('GDC', [0x00, bank, 0x00, 0x00]),
  /** "GME": one reading; index 0 is the newest (readings mode). */
  reading: (bank: number, index: number) => encodeHem790itCommand('GME', [0x00, bank, 0x00, index]),
  /** "END": ends the session; the device answers "OFF\r\n" and powers off. */
  end: () => encodeHem790itCommand('END', [0xff]),
};

/** Splits a message into output reports: [0x00 report number, count, up to 7 bytes, zero padded]. */
export function hem790itOutputReports(message: Uint8Array): Uint8Array[] {
  const reports: Uint8Array[] = [];
  for (let at = 0; at < message.length; at += REPORT_DATA_BYTES) {
    const part = message.subarray(at, at + REPORT_DATA_BYTES);
    const report = new Uint8Array(1 + 1 + REPORT_DATA_BYTES);
    report[1] = part.length;
    report.set(part, 2);
    reports.push(report);
  }
  return reports;
}

/** Splits a message into 8-byte input reports as the device sends it (simulator side). */
export function hem790itInputReports(message: Uint8Array): Uint8Array[] {
  return hem790itOutputReports(message).map((r) => r.subarray(1));
}

/** One reassembled answer of the device. `data` follows "OK" (0x00 … checksum) and XORs to 0. */
export type Hem790itReply =
  | { kind: 'ok'; data: Uint8Array; raw: Uint8Array }
  | { kind: 'no'; raw: Uint8Array }
  | { kind: 'off'; raw: Uint8Array }
  | { kind: 'bad'; reason: 'bad-checksum' | 'garbage' | 'truncated'; raw: Uint8Array };

const OK = [0x4f, 0x4b];
const NO = [0x4e, 0x4f];
const OFF = [0x4f, 0x46, 0x46, 0x0d, 0x0a];
const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => prefix.every((b, i) => bytes[i] === b);

/**
 * Reassembles replies from input reports, one report per `push`. A report with fewer than 7 data
 * bytes ends a message: every reply the kiosk asks for (OK, NO, GDC 8, VER 15, GME 17 bytes) has a
 * short last report. "OFF\r\n" ends on its own (the device sends it with count 7).
 */
export class Hem790itReplyReader {
  private buffer: number[] = [];

  push(report: Uint8Array): Hem790itReply | null {
    if (report.length === 0) return null;
    let count = report[0]!;
    // Empty reports come during the clearing block; libomron skips them too.
    if (count === 0) return null;
    // libomron saw count 8 in real traffic and reads it as 7 ("FIXME? Bug?" in src/omron.c).
    if (count === 8) count = 7;
    if (count > 8 || count > report.length - 1)
      return this.finish({ kind: 'bad', reason: 'garbage', raw: this.take(report) });
    this.buffer.push(...report.subarray(1, 1 + count));
    if (this.buffer.length >= OFF.length && startsWith(Uint8Array.from(this.buffer), OFF))
      return this.finish({ kind: 'off', raw: this.take() });
    if (this.buffer.length > MAX_REPLY_BYTES) return this.finish({ kind: 'bad', reason: 'garbage', raw: this.take() });
    if (count < REPORT_DATA_BYTES) return this.finish(classify(this.take()));
    return null;
  }

  /** Bytes held of an unfinished message (for `flush`). */
  pending(): Uint8Array {
    return Uint8Array.from(this.buffer);
  }

  reset(): void {
    this.buffer = [];
  }

  private take(extra?: Uint8Array): Uint8Array {
    const raw = Uint8Array.from(extra === undefined ? this.buffer : [...this.buffer, ...extra]);
    this.buffer = [];
    return raw;
  }

  private finish(reply: Hem790itReply): Hem790itReply {
    this.buffer = [];
    return reply;
  }
}

function classify(raw: Uint8Array): Hem790itReply {
  if (startsWith(raw, NO)) return { kind: 'no', raw };
  if (!startsWith(raw, OK)) return { kind: 'bad', reason: 'garbage', raw };
  if (raw.length === 2) return { kind: 'ok', data: new Uint8Array(0), raw };
  // An OK with data is at least 5 bytes: 0x00, data, checksum (libomron protocol notes).
  if (raw.length < 5) return { kind: 'bad', reason: 'truncated', raw };
  const data = raw.subarray(2);
  if (xorBytes(data) !== 0) return { kind: 'bad', reason: 'bad-checksum', raw };
  return { kind: 'ok', data, raw };
}

/** GDC answer data (0x00, 4 bytes, checksum): the number of readings is its fifth byte. */
export function hem790itCountOf(data: Uint8Array): number | null {
  return data.length === 6 ? data[4]! : null;
}

/** GME answer data is 0x00 then the 14-byte record. */
export function hem790itRecordOf(data: Uint8Array): Uint8Array | null {
  return data.length === 1 + HEM790IT_RECORD_BYTES ? data.subarray(1) : null;
}

/**
 * One 14-byte GME record: yy mm dd hh mi ss ? ? SYS DIA pulse ? flags checksum (XOR of the 13
 * before it). A record that fails its checksum, starts FF FF FF (erased slot) or has a date that is
 * not a date is never a valid reading.
 */
export function decodeHem790itRecord(record: Uint8Array): DecodedFrame {
  const unreadable = unreadableRecord(record, HEM790IT_RECORD_BYTES);
  if (unreadable !== null) return unreadable;
  const raw = record.slice();
  if (xorBytes(record) !== 0) return { type: 'error', reason: 'bad-checksum', raw };
  // The length is checked above: the defaults never apply.
  const [yy = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = record;
  const takenAt = yy <= 99 ? deviceLocalTime({ year: 2000 + yy, month, day, hour, minute, second }) : null;
  return bloodPressureFrame({
    systolic: record[8]!,
    diastolic: record[9]!,
    pulseRate: record[10]!,
    takenAt,
    flags: takenAt === null ? ['out-of-range'] : [],
    raw,
  });
}

/** A record as the device stores it (simulator side); the checksum is computed. */
export function encodeHem790itRecord(
  r: DeviceClockFields & {
    systolic: number;
    diastolic: number;
    pulseRate: number;
    flags?: number;
  },
): Uint8Array {
  const body = [
    r.year % 100,
    r.month,
    r.day,
    r.hour,
    r.minute,
    r.second,
    0x00,
    0x00,
    r.systolic,
    r.diastolic,
    r.pulseRate,
    0x00,
    r.flags ?? 0x00,
  ].map((b) => b & 0xff);
  return Uint8Array.from([...body, xorBytes(body)]);
}

/**
 * An "OK" reply carrying `payload` after the 0x00, then the checksum making it all XOR to 0
 * (simulator side). For GME pass the record's first 13 bytes: its checksum byte is the reply's.
 */
export function encodeHem790itOk(payload: readonly number[] = []): Uint8Array {
  if (payload.length === 0) return Uint8Array.from(OK);
  const data = [0x00, ...payload];
  return Uint8Array.from([...OK, ...data, xorBytes(data)]);
}

export const HEM790IT_NO = Uint8Array.from(NO);
export const HEM790IT_OFF = Uint8Array.from(OFF);

/** A reply as a decoded frame, for the technician's monitor and `kioskctl decode`. */
export function hem790itReplyToFrame(reply: Hem790itReply): DecodedFrame {
  switch (reply.kind) {
    case 'bad':
      return { type: 'error', reason: reply.reason, raw: reply.raw };
    case 'no':
      return { type: 'status', status: 'no', detail: {}, raw: reply.raw };
    case 'off':
      return { type: 'status', status: 'off', detail: {}, raw: reply.raw };
    case 'ok': {
      const record = hem790itRecordOf(reply.data);
      if (record !== null) return { ...decodeHem790itRecord(record), raw: reply.raw };
      const count = hem790itCountOf(reply.data);
      if (count !== null) return { type: 'status', status: 'ok', detail: { count }, raw: reply.raw };
      if (reply.data.length === 13) {
        const version = String.fromCharCode(...reply.data.subarray(1, 12))
          .replace(/[^\x20-\x7e]/g, '?')
          .trim();
        return { type: 'status', status: 'ok', detail: { version }, raw: reply.raw };
      }
      return {
        type: 'status',
        status: 'ok',
        detail: reply.data.length === 0 ? {} : { bytes: reply.data.length },
        raw: reply.raw,
      };
    }
    default:
      return assertUnreachable(reply, 'HEM-790IT reply');
  }
}

/** Stream decoder for `kioskctl decode omron-hem790it`: push one 8-byte input report per call. */
export function createHem790itDecoder(): StreamDecoder {
  const reader = new Hem790itReplyReader();
  return {
    push(report) {
      const reply = reader.push(report);
      return reply === null ? [] : [hem790itReplyToFrame(reply)];
    },
    reset: () => reader.reset(),
    flush() {
      const pending = reader.pending();
      reader.reset();
      return pending.length === 0 ? [] : [{ type: 'error', reason: 'truncated', raw: pending }];
    },
  };
}
