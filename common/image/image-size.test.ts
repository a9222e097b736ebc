import { describe, expect, it } from 'vitest';
import { imageSize } from './image-size';

/** A PNG's signature and IHDR chunk (the rest of the file is not read). */
function pngHead(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(33);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  return bytes;
}

/** SOI, an APP0 segment to skip, then a baseline SOF0 of `width`×`height`. */
function jpegHead(width: number, height: number): Uint8Array {
  const app0 = [0xff, 0xe0, 0, 16, ...new Array<number>(14).fill(0)];
  const sof0 = [
    0xff,
    0xc0,
    0,
    17,
    8,
    height >> 8,
    height & 0xff,
    width >> 8,
    width & 0xff,
    3,
    ...new Array<number>(9).fill(0),
  ];
  return Uint8Array.from([0xff, 0xd8, ...app0, ...sof0]);
}

describe('imageSize', () => {
  it("reads a PNG's size from its IHDR", () => {
    expect(imageSize(pngHead(1280, 720), 'image/png')).toEqual({ ok: true, value: { width: 1280, height: 720 } });
  });

  it("reads a JPEG's size from its start of frame, past the segments before it", () => {
    expect(imageSize(jpegHead(1920, 1080), 'image/jpeg')).toEqual({ ok: true, value: { width: 1920, height: 1080 } });
  });

  it('refuses bytes that are not the type they were sent as, or have no pixels', () => {
    expect(imageSize(jpegHead(1920, 1080), 'image/png')).toEqual({ ok: false, error: 'not a PNG image' });
    expect(imageSize(pngHead(1280, 720), 'image/jpeg')).toEqual({ ok: false, error: 'not a JPEG image' });
    expect(imageSize(pngHead(0, 720), 'image/png')).toEqual({ ok: false, error: 'an image of no pixels' });
  });
});
