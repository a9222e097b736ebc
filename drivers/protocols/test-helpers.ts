import { parseHex } from './frames';
import type { DecodedFrame, StreamDecoder } from './types';

/** Test helper: hex text to bytes, throwing on a typo so a test cannot silently decode nothing. */
export function hex(text: string): Uint8Array {
  const bytes = parseHex(text);
  if (!bytes) throw new Error(`bad hex in test: ${text}`);
  return bytes;
}

/** Pushes every chunk through a fresh decoder and returns all frames. */
export function decodeAll(decoder: StreamDecoder, ...chunks: Uint8Array[]): DecodedFrame[] {
  return chunks.flatMap((c) => decoder.push(c));
}

/** Frames without their raw bytes, for readable equality checks. */
export function withoutRaw(frames: DecodedFrame[]): Omit<DecodedFrame, 'raw'>[] {
  return frames.map(({ raw: _raw, ...rest }) => rest);
}
