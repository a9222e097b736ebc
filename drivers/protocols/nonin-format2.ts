import { createNoninDecoder, encodeNoninFrame, encodeNoninSetFormat, type NoninFrame } from './nonin-packet';
import { serialProtocol, type StreamDecoder } from './types';

/**
 * Nonin serial data format #2, PROTOCOLS.md §1.3: frame = 01 | status | pleth (8 bit) | value |
 * checksum; 9600 8N1; streams continuously (it is the devices' default format, so no start command).
 */
export function encodeFormat2Frame(f: NoninFrame): Uint8Array {
  return encodeNoninFrame([0x01, f.status | 0x80, f.pleth & 0xff, f.value & 0xff]);
}

export function createFormat2Decoder(): StreamDecoder {
  return createNoninDecoder({
    statusOffset: 1,
    lead: 0x01,
    plethMax: 255,
    read: (buf, start) => ({ status: buf[start + 1]!, pleth: buf[start + 2]!, value: buf[start + 3]! }),
  });
}

export const noninFormat2 = serialProtocol({
  createDecoder: createFormat2Decoder,
});

/** Re-exported so callers find the format switch next to the format. */
export { encodeNoninSetFormat };
