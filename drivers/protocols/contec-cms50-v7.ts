import type { QualityFlag } from '../../common/devices/measurement';
import { createLegacyDecoder } from './contec-cms50-legacy';
import { normalisePleth, oximetryFrame, toHex } from './frames';
import { createScanningDecoder, frame, needMore, skip, type Match, type Matcher } from './scanner';
import { type DecodedFrame, serialProtocol, type StreamDecoder } from './types';

/**
 * Contec "Communication protocol of pulse oximeter V7.0", PROTOCOLS.md §1.2: 115200 8N1.
 * Packet = [type (bit 7 clear)] [hi-bits (bit 7 set)] [d0 … dn-1 (bit 7 forced to 1)], n ≤ 7;
 * hi-bits bit i restores bit 7 of d_i. Host commands are type 0x7D with 7 data bytes.
 */
export const V7_MAX_DATA = 7;
export const V7_REALTIME = 0x01;
export const V7_COMMAND = 0x7d;

export const V7_COMMANDS = {
  startRealtime: 0xa1,
  stopRealtime: 0xa2,
  keepAlive: 0xaf,
  queryDeviceIds: 0xaa,
} as const;

/** Device→host packet types (§1.2) with their names for status frames. */
const V7_TYPES: Record<number, string> = {
  0x01: 'realtime',
  0x04: 'device-ids',
  0x05: 'user-info',
  0x07: 'storage-start-date',
  0x08: 'storage-data-length',
  0x09: 'storage-data-pi',
  0x0a: 'segment-count',
  0x0b: 'command-feedback',
  0x0c: 'free-feedback',
  0x0d: 'disconnect-notice',
  0x0e: 'pi-support',
  0x0f: 'storage-data',
  0x10: 'user-count',
  0x11: 'device-notice',
  0x12: 'storage-start-time',
  0x15: 'storage-data-ids',
  0x7d: 'command',
};

/** Data lengths known for sure; other types end at the next type byte or after 7 data bytes. */
const V7_LENGTHS: Record<number, number> = { 0x01: 7, 0x0b: 2, 0x7d: 7 };

const FEEDBACK_REASONS: Record<number, string> = {
  0x00: 'completed',
  0x01: 'shutdown',
  0x02: 'user-change',
  0x03: 'recording',
  0x04: 'delete-failed',
  0x05: 'unsupported',
  0xff: 'unknown',
};

/** Wraps data bytes into a V7 packet: hi-bits collects their bit 7, each byte goes out with bit 7 set. */
export function encodeV7Packet(type: number, data: readonly number[]): Uint8Array {
  let hi = 0x80;
  data.forEach((d, i) => {
    if (d & 0x80) hi |= 1 << i;
  });
  return Uint8Array.of(type & 0x7f, hi, ...data.map((d) => (d | 0x80) & 0xff));
}

/** A host command (type 0x7D, command code + 6 zero-padded parameter bytes: 9 bytes on the wire). */
export function encodeV7Command(code: number, params: readonly number[] = []): Uint8Array {
  const data = [code, ...params, 0, 0, 0, 0, 0, 0].slice(0, V7_MAX_DATA);
  return encodeV7Packet(V7_COMMAND, data);
}

export interface V7Realtime {
  /** 0–15 */
  signal: number;
  searchingTooLong: boolean;
  lowSpo2: boolean;
  beep: boolean;
  probeError: boolean;
  /** 0–127 */
  pleth: number;
  searching: boolean;
  /** 0–15 */
  bar: number;
  /** 0–254; 0xFF = invalid */
  pulseRate: number;
  /** 0–100; 0x7F = invalid */
  spo2: number;
  /** Perfusion index in 0.01 % units; 0xFFFF = not available. null when the PI-valid bit is clear. */
  pi: number | null;
}

export function encodeV7Realtime(r: V7Realtime): Uint8Array {
  const pi = r.pi ?? 0xffff;
  return encodeV7Packet(V7_REALTIME, [
    (r.probeError ? 0x80 : 0) |
      (r.beep ? 0x40 : 0) |
      (r.lowSpo2 ? 0x20 : 0) |
      (r.searchingTooLong ? 0x10 : 0) |
      (r.signal & 0x0f),
    (r.searching ? 0x80 : 0) | (r.pleth & 0x7f),
    (r.pi !== null ? 0x10 : 0) | (r.bar & 0x0f),
    r.pulseRate & 0xff,
    r.spo2 & 0xff,
    pi & 0xff,
    (pi >> 8) & 0xff,
  ]);
}

export function decodeV7Realtime(d: readonly number[]): V7Realtime {
  const [d0, d1, d2, d3, d4, d5, d6] = [d[0]!, d[1]!, d[2]!, d[3]!, d[4]!, d[5]!, d[6]!];
  return {
    signal: d0 & 0x0f,
    searchingTooLong: (d0 & 0x10) !== 0,
    lowSpo2: (d0 & 0x20) !== 0,
    beep: (d0 & 0x40) !== 0,
    probeError: (d0 & 0x80) !== 0,
    pleth: d1 & 0x7f,
    searching: (d1 & 0x80) !== 0,
    bar: d2 & 0x0f,
    pulseRate: d3,
    spo2: d4,
    pi: (d2 & 0x10) !== 0 ? d5 | (d6 << 8) : null,
  };
}

function realtimeFrame(data: number[], raw: Uint8Array): DecodedFrame {
  const r = decodeV7Realtime(data);
  const flags: QualityFlag[] = [];
  // d0 bit 7 is "probe error / finger out": the protocol does not tell them apart; finger out is
  // by far the commoner cause at a kiosk, and both make the reading unusable.
  if (r.probeError) flags.push('finger-out');
  if (r.searching || r.searchingTooLong) flags.push('searching');
  return oximetryFrame({
    spo2: r.spo2 === 0x7f ? null : r.spo2,
    pulseRate: r.pulseRate === 0xff ? null : r.pulseRate,
    perfusionIndex: r.pi === null || r.pi === 0xffff ? null : r.pi / 100,
    pleth: [normalisePleth(r.pleth, 127)],
    flags,
    raw,
  });
}

function statusFrame(type: number, data: number[], raw: Uint8Array): DecodedFrame {
  const status = V7_TYPES[type]!;
  const hex = toHex(Uint8Array.from(data), '');
  if (type === 0x0b) {
    return {
      type: 'status',
      status,
      detail: {
        command: toHex(Uint8Array.of(data[0]!)),
        reason: FEEDBACK_REASONS[data[1]!] ?? `0x${toHex(Uint8Array.of(data[1]!))}`,
      },
      raw,
    };
  }
  if (type === V7_COMMAND)
    return { type: 'status', status, detail: { command: toHex(Uint8Array.of(data[0]!)), params: hex.slice(2) }, raw };
  return { type: 'status', status, detail: { data: hex }, raw };
}

const v7Matcher: Matcher = {
  match(buf, start): Match {
    const type = buf[start]!;
    if ((type & 0x80) !== 0 || V7_TYPES[type] === undefined) return skip(1, 'garbage');
    const known = V7_LENGTHS[type];
    // Body = hi-bits + data bytes, all with bit 7 set; a byte with bit 7 clear starts the next packet.
    const maxBody = 1 + (known ?? V7_MAX_DATA);
    let n = 0;
    while (n < maxBody && start + 1 + n < buf.length && (buf[start + 1 + n]! & 0x80) !== 0) n++;
    const complete = n === maxBody || (start + 1 + n < buf.length && known === undefined && n >= 1);
    if (!complete) {
      if (start + 1 + n < buf.length) return skip(1, n === 0 ? 'bad-sync' : 'truncated');
      return needMore;
    }
    const length = 1 + n;
    const raw = buf.slice(start, start + length);
    const hi = raw[1]!;
    const data = Array.from(raw.subarray(2), (b, i) => (hi & (1 << i) ? b : b & 0x7f));
    return frame(length, type === V7_REALTIME ? realtimeFrame(data, raw) : statusFrame(type, data, raw));
  },
};

export function createV7Decoder(): StreamDecoder {
  return createScanningDecoder(v7Matcher);
}

export type ContecVariant = 'contec-cms50-v7' | 'contec-cms50-legacy';

/**
 * Tells a V7 device from a legacy one by the first bytes it sent (§1.2 caveat: probe with the V7
 * start command, fall back to legacy). Feeds the bytes to both decoders and answers the variant
 * that found at least `minFrames` oximetry frames and at least twice as many as the other (the
 * legacy format has no checksum, so random bytes make an occasional legacy "frame"); null when
 * neither is convincing yet — give it more bytes, or try the other line settings.
 */
export function detectContecVariant(bytes: Uint8Array, minFrames = 3): ContecVariant | null {
  const count = (decoder: StreamDecoder) => decoder.push(bytes).filter((f) => f.type === 'oximetry').length;
  const v7 = count(createV7Decoder());
  const legacy = count(createLegacyDecoder());
  if (v7 >= minFrames && v7 >= 2 * legacy) return 'contec-cms50-v7';
  if (legacy >= minFrames && legacy >= 2 * v7) return 'contec-cms50-legacy';
  return null;
}

export const contecCms50V7 = serialProtocol({
  createDecoder: createV7Decoder,
  startCommand: encodeV7Command(V7_COMMANDS.startRealtime),
  stopCommand: encodeV7Command(V7_COMMANDS.stopRealtime),
  keepAlive: { intervalMs: 5000, bytes: encodeV7Command(V7_COMMANDS.keepAlive) },
});
