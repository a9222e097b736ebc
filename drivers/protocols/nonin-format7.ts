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
 * Nonin serial data format #7, PROTOCOLS.md §1.3: frame = status (bit 7 set marks the start) |
 * pleth MSB | pleth LSB | value | checksum; 16-bit pleth, same 25-frame packet as format #2.
 */
export function encodeFormat7Frame(f: NoninFrame): Uint8Array {
  const bytes = [f.status | 0x80, (f.pleth >> 8) & 0xff, f.pleth & 0xff, f.value & 0xff];
  return Uint8Array.of(...bytes, noninChecksum(bytes));
}

/** Set-format command for #7 (short form), sent once after opening: devices default to another format. */
export const SET_FORMAT_7 = encodeNoninSetFormat(7);

export function createFormat7Decoder(): StreamDecoder {
  const matcher = createNoninPacketMatcher((buf, start) => {
    const problem = checkFrame(buf, start, 0, null);
    if (problem) return problem;
    return { status: buf[start]!, pleth: (buf[start + 1]! << 8) | buf[start + 2]!, value: buf[start + 3]! };
  }, 65535);
  return createScanningDecoder(matcher);
}

export const noninFormat7 = serialProtocol({
  createDecoder: createFormat7Decoder,
  startCommand: SET_FORMAT_7,
});

export { encodeNoninSetFormat };
