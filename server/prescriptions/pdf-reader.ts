import { inflateSync } from 'node:zlib';

/**
 * Just enough of a PDF reader for the tests to check what pdfkit wrote: the text shown on the
 * pages (Type1 fonts, WinAnsi hex strings in TJ arrays) and the raw pixels of the images.
 * Not a general PDF parser (no object streams, no cross-reference parsing): pdfkit writes neither.
 */
export interface PdfObject {
  id: number;
  dict: string;
  /** The stream's bytes, inflated when the dict says /FlateDecode; null without a stream. */
  stream: Buffer | null;
}

export function pdfObjects(pdf: Buffer): PdfObject[] {
  const text = pdf.toString('latin1');
  const objects: PdfObject[] = [];
  for (const match of text.matchAll(/(\d+) 0 obj\s*<<([\s\S]*?)>>\s*(stream\r?\n)?/g)) {
    const dict = match[2]!;
    let stream: Buffer | null = null;
    if (match[3]) {
      const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
      const start = match.index + match[0].length;
      const raw = pdf.subarray(start, start + length);
      stream = dict.includes('/FlateDecode') ? inflateSync(raw) : raw;
    }
    objects.push({ id: Number(match[1]), dict, stream });
  }
  return objects;
}

/** The text of every TJ/Tj operator in the page content streams, one entry per operator. */
export function pdfTexts(pdf: Buffer): string[] {
  const objects = pdfObjects(pdf);
  const contentIds = new Set(
    objects.flatMap((o) => [...o.dict.matchAll(/\/Contents (\d+) 0 R/g)].map((m) => Number(m[1]))),
  );
  const texts: string[] = [];
  for (const o of objects) {
    if (!contentIds.has(o.id) || !o.stream) continue;
    for (const op of o.stream.toString('latin1').matchAll(/\[((?:<[0-9a-fA-F]*>|[\s\d.-])*)\]\s*TJ/g)) {
      const hex = [...op[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]).join('');
      texts.push(Buffer.from(hex, 'hex').toString('latin1'));
    }
  }
  return texts;
}

/** The first RGB image as RGBA pixels (what jsQR reads). */
export function pdfFirstRgbImage(pdf: Buffer): { width: number; height: number; rgba: Uint8ClampedArray } | null {
  const image = pdfObjects(pdf).find((o) => o.dict.includes('/Subtype /Image') && o.dict.includes('/DeviceRGB'));
  if (!image?.stream) return null;
  const width = Number(/\/Width (\d+)/.exec(image.dict)?.[1]);
  const height = Number(/\/Height (\d+)/.exec(image.dict)?.[1]);
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    rgba[i * 4] = image.stream[i * 3]!;
    rgba[i * 4 + 1] = image.stream[i * 3 + 1]!;
    rgba[i * 4 + 2] = image.stream[i * 3 + 2]!;
    rgba[i * 4 + 3] = 255;
  }
  return { width, height, rgba };
}
