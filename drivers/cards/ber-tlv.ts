import { concatBytes } from '../../common/util/bytes';
/**
 * BER-TLV as smart cards use it (ISO 7816-4 §5.2, ISO 8825-1): tags of 1–3 bytes, definite lengths
 * in short or long form (up to 4 length bytes), constructed values holding more TLVs, 00/FF padding
 * between objects. Pure; malformed input gives an error result, never an exception.
 */

export interface Tlv {
  /** The tag with all its bytes, e.g. 0x65, 0x7F21, 0x5F37. */
  tag: number;
  /** Bit 6 of the first tag byte: the value is a list of TLVs (`children`). */
  constructed: boolean;
  value: Uint8Array;
  /** Parsed children of a constructed object; null for primitive objects. */
  children: Tlv[] | null;
}

export type TlvError = {
  reason: 'truncated-tag' | 'tag-too-long' | 'truncated-length' | 'unsupported-length' | 'truncated-value' | 'too-deep';
  offset: number;
};
export type TlvResult = { ok: true; tlvs: Tlv[] } | ({ ok: false } & TlvError);

/** Cards nest a few levels (EF 2001: E0 › A0 › 82); anything deeper is garbage, not data. */
export const MAX_TLV_DEPTH = 8;

/** Parses a sequence of TLVs filling `bytes`. */
export function parseTlvs(bytes: Uint8Array, depth = 0): TlvResult {
  if (depth > MAX_TLV_DEPTH) return { ok: false, reason: 'too-deep', offset: 0 };
  const tlvs: Tlv[] = [];
  let at = 0;
  while (at < bytes.length) {
    // 00 and FF before, between or after objects are padding (ISO 7816-4 §5.2.2.1).
    if (bytes[at] === 0x00 || bytes[at] === 0xff) {
      at += 1;
      continue;
    }
    const one = parseOne(bytes, at, depth);
    if (!one.ok) return one;
    tlvs.push(one.tlv);
    at = one.next;
  }
  return { ok: true, tlvs };
}

function parseOne(
  bytes: Uint8Array,
  start: number,
  depth: number,
): { ok: true; tlv: Tlv; next: number } | ({ ok: false } & TlvError) {
  let at = start;
  const first = bytes[at++]!;
  let tag = first;
  if ((first & 0x1f) === 0x1f) {
    // Subsequent tag bytes while bit 8 is set; more than 3 tag bytes is not used by any card.
    for (let n = 1; ; n += 1) {
      if (at >= bytes.length) return { ok: false, reason: 'truncated-tag', offset: start };
      if (n > 2) return { ok: false, reason: 'tag-too-long', offset: start };
      const b = bytes[at++]!;
      tag = tag * 256 + b;
      if ((b & 0x80) === 0) break;
    }
  }
  if (at >= bytes.length) return { ok: false, reason: 'truncated-length', offset: at };
  let length = bytes[at++]!;
  if (length > 0x80) {
    const count = length & 0x7f;
    if (count > 4) return { ok: false, reason: 'unsupported-length', offset: at - 1 };
    if (at + count > bytes.length) return { ok: false, reason: 'truncated-length', offset: at - 1 };
    length = 0;
    for (let i = 0; i < count; i += 1) length = length * 256 + bytes[at++]!;
  } else if (length === 0x80) {
    // The indefinite form is BER but never DER/ISO 7816 card data.
    return { ok: false, reason: 'unsupported-length', offset: at - 1 };
  }
  if (at + length > bytes.length) return { ok: false, reason: 'truncated-value', offset: at };
  const value = bytes.subarray(at, at + length);
  const constructed = (first & 0x20) !== 0;
  let children: Tlv[] | null = null;
  if (constructed) {
    const inner = parseTlvs(value, depth + 1);
    if (!inner.ok) return { ...inner, offset: inner.offset + at };
    children = inner.tlvs;
  }
  return { ok: true, tlv: { tag, constructed, value, children }, next: at + length };
}

/** The first object along `path` (tags from the outside in), or undefined. */
export function findTlv(tlvs: readonly Tlv[], ...path: number[]): Tlv | undefined {
  let level: readonly Tlv[] = tlvs;
  let found: Tlv | undefined;
  for (const tag of path) {
    found = level.find((t) => t.tag === tag);
    if (!found) return undefined;
    level = found.children ?? [];
  }
  return found;
}

/** Encodes one object (DER lengths); `content` is the value or a list of encoded children. */
export function encodeTlv(tag: number, content: Uint8Array | readonly Uint8Array[]): Uint8Array {
  const value = content instanceof Uint8Array ? content : concatBytes(content);
  const tagBytes: number[] = [];
  for (let t = tag; t > 0 || tagBytes.length === 0; t = Math.floor(t / 256)) tagBytes.unshift(t & 0xff);
  const lengthBytes: number[] = [];
  if (value.length < 0x80) lengthBytes.push(value.length);
  else {
    for (let n = value.length; n > 0; n = Math.floor(n / 256)) lengthBytes.unshift(n & 0xff);
    lengthBytes.unshift(0x80 | lengthBytes.length);
  }
  return concatBytes([Uint8Array.from(tagBytes), Uint8Array.from(lengthBytes), value]);
}
