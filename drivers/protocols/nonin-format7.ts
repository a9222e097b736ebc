import { createNoninDecoder, encodeNoninFrame, encodeNoninSetFormat, type NoninFrame } from './nonin-packet';
import { serialProtocol, type StreamDecoder } from './types';

/**
 * Nonin serial data format #7, PROTOCOLS.md §1.3: frame = status (bit 7 set marks the start) |
 * pleth MSB | pleth LSB | value | checksum; 16-bit pleth, same 25-frame packet as format #2.
 */
export function encodeFormat7Frame(f: NoninFrame): Uint8Array {
  return encodeNoninFrame([f.status | 0x80, (f.pleth >> 8) & 0xff, f.pleth & 0xff, f.value & 0xff]);
}

/** Set-format command for #7 (short form), sent once after opening: devices default to another format. */
export const SET_FORMAT_7 = encodeNoninSetFormat(7);

export function createFormat7Decoder(): StreamDecoder {
  return createNoninDecoder({
    statusOffset: 0,
    lead: null,
    plethMax: 65535,
    read: (buf, start) => ({
      status: buf[start]!,
      pleth: (buf[start + 1]! << 8) | buf[start + 2]!,
      value: buf[start + 3]!,
    }),
  });
}

export const noninFormat7 = serialProtocol({
  createDecoder: createFormat7Decoder,
  startCommand: SET_FORMAT_7,
});

export { encodeNoninSetFormat };
