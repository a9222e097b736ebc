import type { QualityFlag } from '../../common/devices/measurement';
import { normalisePleth, oximetryFrame } from './frames';
import { createScanningDecoder, frame, needMore, skip, type Match, type Matcher } from './scanner';
import type { DecodedFrame, StreamDecoder } from './types';

/**
 * What Nonin data formats #2 and #7 share, PROTOCOLS.md §1.3: 5-byte frames at 75/s, 25 frames
 * per packet (3 packets/s), the status byte, the value-byte map by frame index, and the checksum
 * (sum of the first 4 bytes mod 256). Only the frame layout differs (see the two format files).
 */
export const NONIN_FRAME_LENGTH = 5;
export const NONIN_FRAMES_PER_PACKET = 25;
export const NONIN_MISSING_HR = 511;
export const NONIN_MISSING_SPO2 = 127;

/** Status byte bits (§1.3). */
export const NONIN_STATUS = {
  always: 0x80,
  sensorDisconnect: 0x40,
  artifact: 0x20,
  outOfTrack: 0x10,
  sensorAlarm: 0x08,
  perfusionGreen: 0x02,
  perfusionRed: 0x04,
  perfusionYellow: 0x06,
  sync: 0x01,
} as const;

/** Value-byte positions in the packet (0-based frame index). */
export const NONIN_VALUE_INDEX = {
  hrMsb: 0,
  hrLsb: 1,
  spo2: 2,
  firmware: 3,
  timerMsb: 5,
  timerLsb: 6,
  stat2: 7,
  spo2Display: 8,
  spo2Fast: 9,
  spo2BeatToBeat: 10,
  extHrMsb: 13,
  extHrLsb: 14,
  extSpo2: 15,
  extSpo2Display: 16,
  hrDisplayMsb: 19,
  hrDisplayLsb: 20,
  extHrDisplayMsb: 21,
  extHrDisplayLsb: 22,
} as const;

export const STAT2_LOW_BATTERY = 0x01;

/** One checked frame: its status byte, pleth sample (raw units) and value byte. */
export interface NoninFrame {
  status: number;
  pleth: number;
  value: number;
}

export function noninChecksum(bytes: Uint8Array | readonly number[], count = 4): number {
  let sum = 0;
  for (let i = 0; i < count; i++) sum += bytes[i]!;
  return sum & 0xff;
}

export function statusFlags(status: number): QualityFlag[] {
  const flags: QualityFlag[] = [];
  if (status & NONIN_STATUS.sensorDisconnect) flags.push('sensor-off');
  // SNSA = "sensor alarm: the device is providing unusable data, e.g. finger removed".
  if (status & NONIN_STATUS.sensorAlarm) flags.push('finger-out');
  if (status & NONIN_STATUS.outOfTrack) flags.push('out-of-track');
  if (status & NONIN_STATUS.artifact) flags.push('artifact');
  const perfusion = status & NONIN_STATUS.perfusionYellow;
  // Red (inadequate) and yellow (marginal) perfusion both warn the doctor; green is fine.
  if (perfusion === NONIN_STATUS.perfusionRed || perfusion === NONIN_STATUS.perfusionYellow)
    flags.push('low-perfusion');
  return flags;
}

/** HR from an MSB/LSB value pair: ((MSB & 0x03) << 7) | (LSB & 0x7F). */
export const noninHr = (msb: number, lsb: number) => ((msb & 0x03) << 7) | (lsb & 0x7f);

/**
 * A matcher that assembles 25-frame packets from a per-format frame reader, and yields one
 * oximetry frame per complete packet (25 pleth samples; HR and SpO2 are the 4-beat averages of
 * frames 0–2, as in the §1.3 worked example). Frames seen before the first sync frame, and
 * packets cut short by a lost frame, are reported as 'truncated' bytes: without their position
 * in the packet their value bytes mean nothing.
 */
export function createNoninPacketMatcher(
  readFrame: (buf: Uint8Array, start: number) => NoninFrame | Match,
  plethMax: number,
): Matcher {
  let packet: NoninFrame[] = [];
  let packetRaw: number[] = [];

  const cut = (): DecodedFrame[] => {
    if (packet.length === 0) return [];
    const error: DecodedFrame = { type: 'error', reason: 'truncated', raw: Uint8Array.from(packetRaw) };
    packet = [];
    packetRaw = [];
    return [error];
  };

  const complete = (): DecodedFrame => {
    const v = (i: number) => packet[i]!.value;
    const hr = noninHr(v(NONIN_VALUE_INDEX.hrMsb), v(NONIN_VALUE_INDEX.hrLsb));
    const spo2 = v(NONIN_VALUE_INDEX.spo2) & 0x7f;
    const flags = packet.flatMap((f) => statusFlags(f.status));
    if (v(NONIN_VALUE_INDEX.stat2) & STAT2_LOW_BATTERY) flags.push('low-battery');
    const decoded = oximetryFrame({
      spo2: spo2 === NONIN_MISSING_SPO2 ? null : spo2,
      pulseRate: hr === NONIN_MISSING_HR ? null : hr,
      perfusionIndex: null,
      pleth: packet.map((f) => normalisePleth(f.pleth, plethMax)),
      flags,
      raw: Uint8Array.from(packetRaw),
    });
    packet = [];
    packetRaw = [];
    return decoded;
  };

  return {
    match(buf, start) {
      // The answer to a set-format command: neither byte can start a frame in #2 or #7.
      const reply = buf[start];
      if (reply === NONIN_ACK || reply === NONIN_NAK) {
        return frame(1, {
          type: 'status',
          status: reply === NONIN_ACK ? 'ack' : 'nak',
          detail: {},
          raw: buf.slice(start, start + 1),
        });
      }
      const read = readFrame(buf, start);
      if ('kind' in read) return read;
      const isSync = (read.status & NONIN_STATUS.sync) !== 0;
      if (!isSync && packet.length === 0) return skip(NONIN_FRAME_LENGTH, 'truncated');
      const out = isSync ? cut() : [];
      packet.push(read);
      for (let i = 0; i < NONIN_FRAME_LENGTH; i++) packetRaw.push(buf[start + i]!);
      if (packet.length === NONIN_FRAMES_PER_PACKET) out.push(complete());
      return frame(NONIN_FRAME_LENGTH, ...out);
    },
    reset() {
      packet = [];
      packetRaw = [];
    },
  };
}

/** How one data format lays out its 5-byte frame (§1.3). */
export interface NoninFrameLayout {
  /** Where the status byte stands (bit 7 set). */
  statusOffset: number;
  /** The fixed first byte, or null when the frame starts with the status. */
  lead: number | null;
  /** The largest pleth value the format carries (8 or 16 bit). */
  plethMax: number;
  /** Reads a frame whose bytes have been checked. */
  read(buf: Uint8Array, start: number): NoninFrame;
}

/** The stream decoder of one data format: frames checked, read and assembled into packets. */
export function createNoninDecoder(layout: NoninFrameLayout): StreamDecoder {
  const matcher = createNoninPacketMatcher(
    (buf, start) => checkFrame(buf, start, layout.statusOffset, layout.lead) ?? layout.read(buf, start),
    layout.plethMax,
  );
  return createScanningDecoder(matcher);
}

/** The 4 data bytes of a frame followed by their checksum. */
export function encodeNoninFrame(bytes: number[]): Uint8Array {
  return Uint8Array.of(...bytes, noninChecksum(bytes));
}

/** Checks the bytes of one frame candidate: needs 5 bytes, a status with bit 7 set, the checksum. */
function checkFrame(buf: Uint8Array, start: number, statusOffset: number, lead: number | null): Match | null {
  if (lead !== null && buf[start] !== lead) return skip(1, 'garbage');
  const status = buf[start + statusOffset];
  if (status === undefined) return needMore;
  if ((status & 0x80) === 0) return skip(1, 'bad-sync');
  if (buf.length - start < NONIN_FRAME_LENGTH) return needMore;
  if (noninChecksum(buf.subarray(start, start + 4)) !== buf[start + 4]) return skip(1, 'bad-checksum');
  return null;
}

/**
 * The set-data-format command (§1.3, 9560 / 3150): STX 0x70 len data… ETX. Without `flags` the
 * short form `02 70 02 02 <fmt> 03`; with flags the long form `02 70 04 02 <fmt> <flags> <cs> 03`,
 * cs = (0x70 + 0x04 + 0x02 + fmt + flags) mod 256. The device answers ACK 06 or NAK 15.
 */
export function encodeNoninSetFormat(format: number, flags?: number): Uint8Array {
  if (flags === undefined) return Uint8Array.of(0x02, 0x70, 0x02, 0x02, format & 0xff, 0x03);
  const body = [0x70, 0x04, 0x02, format & 0xff, flags & 0xff];
  return Uint8Array.of(0x02, ...body, noninChecksum(body, body.length), 0x03);
}

export const NONIN_ACK = 0x06;
export const NONIN_NAK = 0x15;

/**
 * Parses a set-format command written by the host (for the simulator): the format number, or
 * null when the bytes are not such a command.
 */
export function parseNoninSetFormat(bytes: Uint8Array): number | null {
  if (
    bytes.length === 6 &&
    bytes[0] === 0x02 &&
    bytes[1] === 0x70 &&
    bytes[2] === 0x02 &&
    bytes[3] === 0x02 &&
    bytes[5] === 0x03
  )
    return bytes[4]!;
  if (
    bytes.length === 8 &&
    bytes[0] === 0x02 &&
    bytes[1] === 0x70 &&
    bytes[2] === 0x04 &&
    bytes[3] === 0x02 &&
    bytes[7] === 0x03
  ) {
    return noninChecksum(bytes.subarray(1, 6), 5) === bytes[6] ? bytes[4]! : null;
  }
  return null;
}

/**
 * The firmware revision a complete packet carries (PROTOCOLS.md §1.3: value byte of frame 3). The
 * value byte is each frame's 4th byte in both formats (#2: 01 status pleth value sum; #7: status
 * pleth-MSB pleth-LSB value sum). Null for a packet that is not whole.
 */
export function noninFirmwareRevision(packetRaw: Uint8Array): number | null {
  if (packetRaw.length < NONIN_FRAME_LENGTH * NONIN_FRAMES_PER_PACKET) return null;
  return packetRaw[NONIN_VALUE_INDEX.firmware * NONIN_FRAME_LENGTH + 3] ?? null;
}
