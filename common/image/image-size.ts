import { err, ok, type Result } from '../util/result';
import type { StillContentType } from '../exam-camera/still';

export interface ImageSize {
  width: number;
  height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** A PNG's size from its IHDR chunk, which the format requires first. */
function pngSize(bytes: Uint8Array): ImageSize | null {
  if (bytes.length < 24 || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return null;
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** A JPEG's size from its first start-of-frame segment (SOF0-SOF15 but DHT, JPG and DAC). */
function jpegSize(bytes: Uint8Array): ImageSize | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1]!;
    const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (isFrame) return { height: view.getUint16(at + 5), width: view.getUint16(at + 7) };
    at += 2 + view.getUint16(at + 2);
  }
  return null;
}

/** The pixel size an image says it has, checked against the type it was sent as. */
export function imageSize(bytes: Uint8Array, contentType: StillContentType): Result<ImageSize, string> {
  const size = contentType === 'image/png' ? pngSize(bytes) : jpegSize(bytes);
  if (size === null) return err(`not a ${contentType === 'image/png' ? 'PNG' : 'JPEG'} image`);
  if (size.width === 0 || size.height === 0) return err('an image of no pixels');
  return ok(size);
}
