import type { QualityFlag } from '../../common/devices/measurement';
import { normalisePleth, oximetryFrame } from './frames';
import { createScanningDecoder, frame, needMore, skip, type Matcher } from './scanner';
import { serialProtocol, type StreamDecoder } from './types';

/**
 * Contec CMS50D+/E legacy live stream, PROTOCOLS.md §1.1: 5-byte packets at ~60/s, 19200 8O1,
 * streams by itself. Bit 7 is the sync bit: set in byte 1, clear in bytes 2–5. No checksum, so
 * the sync bits and the range checks are all there is.
 */
export const LEGACY_FRAME_LENGTH = 5;

export interface LegacyFields {
  beep: boolean;
  spo2Dropping: boolean;
  fingerOut: boolean;
  /** 0–15 */
  signal: number;
  /** 0–127 */
  pleth: number;
  searching: boolean;
  probeError: boolean;
  /** 0–15 */
  bar: number;
  /** 0–255 */
  pulseRate: number;
  /** 0–127 */
  spo2: number;
}

/** Encodes one packet (used by the simulator and the tests); out-of-width fields are masked. */
export function encodeLegacyFrame(f: LegacyFields): Uint8Array {
  return Uint8Array.of(
    0x80 | (f.beep ? 0x40 : 0) | (f.spo2Dropping ? 0x20 : 0) | (f.fingerOut ? 0x10 : 0) | (f.signal & 0x0f),
    f.pleth & 0x7f,
    ((f.pulseRate & 0x80) >> 1) | (f.searching ? 0x20 : 0) | (f.probeError ? 0x10 : 0) | (f.bar & 0x0f),
    f.pulseRate & 0x7f,
    f.spo2 & 0x7f,
  );
}

export function decodeLegacyFields(p: Uint8Array): LegacyFields {
  const [b1, b2, b3, b4, b5] = [p[0]!, p[1]!, p[2]!, p[3]!, p[4]!];
  return {
    beep: (b1 & 0x40) !== 0,
    spo2Dropping: (b1 & 0x20) !== 0,
    fingerOut: (b1 & 0x10) !== 0,
    signal: b1 & 0x0f,
    pleth: b2 & 0x7f,
    searching: (b3 & 0x20) !== 0,
    probeError: (b3 & 0x10) !== 0,
    bar: b3 & 0x0f,
    pulseRate: ((b3 & 0x40) << 1) | (b4 & 0x7f),
    spo2: b5 & 0x7f,
  };
}

const legacyMatcher: Matcher = {
  match(buf, start) {
    if ((buf[start]! & 0x80) === 0) return skip(1, 'garbage');
    const end = Math.min(buf.length, start + LEGACY_FRAME_LENGTH);
    // A set bit 7 inside the packet means this was not a packet start (§1.1 resync rule).
    for (let i = start + 1; i < end; i++) if ((buf[i]! & 0x80) !== 0) return skip(1, 'bad-sync');
    if (end - start < LEGACY_FRAME_LENGTH) return needMore;
    const raw = buf.slice(start, start + LEGACY_FRAME_LENGTH);
    const f = decodeLegacyFields(raw);
    const flags: QualityFlag[] = [];
    if (f.fingerOut) flags.push('finger-out');
    if (f.probeError) flags.push('probe-error');
    if (f.searching) flags.push('searching');
    // The stream has no "invalid" marker for PR/SpO2 (§1.1): gate on the flags and the ranges.
    return frame(
      LEGACY_FRAME_LENGTH,
      oximetryFrame({
        spo2: f.spo2,
        pulseRate: f.pulseRate,
        perfusionIndex: null,
        pleth: [normalisePleth(f.pleth, 127)],
        flags,
        raw,
      }),
    );
  },
};

export function createLegacyDecoder(): StreamDecoder {
  return createScanningDecoder(legacyMatcher);
}

export const contecCms50Legacy = serialProtocol({
  createDecoder: createLegacyDecoder,
});
