import {
  checkFrame,
  createNoninPacketMatcher,
  encodeNoninSetFormat,
  noninChecksum,
  type NoninFrame,
} from './nonin-packet';
import { createScanningDecoder } from './scanner';
import { serialProtocol, type StreamDecoder } from './types';

/**
 * Nonin serial data format #2, PROTOCOLS.md §1.3: frame = 01 | status | pleth (8 bit) | value |
 * checksum; 9600 8N1; streams continuously (it is the devices' default format, so no start command).
 */
export function encodeFormat2Frame(f: NoninFrame): Uint8Array {
  const bytes = [0x01, f.status | 0x80, f.pleth & 0xff, f.value & 0xff];
  return Uint8Array.of(...bytes, noninChecksum(bytes));
}

export function createFormat2Decoder(): StreamDecoder {
  const matcher = createNoninPacketMatcher((buf, start) => {
    const problem = checkFrame(buf, start, 1, 0x01);
    if (problem) return problem;
    return { status: buf[start + 1]!, pleth: buf[start + 2]!, value: buf[start + 3]! };
  }, 255);
  return createScanningDecoder(matcher);
}

export const noninFormat2 = serialProtocol({
  createDecoder: createFormat2Decoder,
});

/** Re-exported so callers find the format switch next to the format. */
export { encodeNoninSetFormat };
