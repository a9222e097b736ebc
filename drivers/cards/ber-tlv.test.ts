import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeTlv, findTlv, parseTlvs, type Tlv } from './ber-tlv';

const hex = (text: string) => Uint8Array.from(text.replace(/\s+/g, '').match(/../g) ?? [], (b) => parseInt(b, 16));
const ascii = (text: string) => new TextEncoder().encode(text);
const text = (tlv: Tlv | undefined) => (tlv ? new TextDecoder().decode(tlv.value) : undefined);

describe('parseTlvs', () => {
  it('reads the beneficiary block a Vitale 2 returns (PROTOCOLS.md §5.2)', () => {
    const bytes =
      hex(`652A 930F ${Buffer.from('269054958815780').toString('hex')} 8004 ${Buffer.from('TEST').toString('hex')}
      8107 ${Buffer.from('PATIENT').toString('hex')} 8208 ${Buffer.from('19690501').toString('hex')}`);
    const result = parseTlvs(bytes);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.tlvs).toHaveLength(1);
    expect(result.tlvs[0]).toMatchObject({ tag: 0x65, constructed: true });
    expect(text(findTlv(result.tlvs, 0x65, 0x93))).toBe('269054958815780');
    expect(text(findTlv(result.tlvs, 0x65, 0x80))).toBe('TEST');
    expect(text(findTlv(result.tlvs, 0x65, 0x81))).toBe('PATIENT');
    expect(text(findTlv(result.tlvs, 0x65, 0x82))).toBe('19690501');
    expect(findTlv(result.tlvs, 0x65, 0x90)).toBeUndefined();
  });

  it('reads two- and three-byte tags and long-form lengths', () => {
    const long = new Uint8Array(300).fill(0xab);
    const bytes = hex(
      `7F2104 5F3701 AA 5F3881 80 ${'CD'.repeat(0x80)} DF810101 EE 04820 12C ${Buffer.from(long).toString('hex')}`,
    );
    const result = parseTlvs(bytes);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.tlvs.map((t) => t.tag.toString(16))).toEqual(['7f21', '5f38', 'df8101', '4']);
    expect(findTlv(result.tlvs, 0x7f21, 0x5f37)?.value).toEqual(hex('AA'));
    expect(result.tlvs[1]?.value.length).toBe(0x80);
    expect(result.tlvs[3]?.value.length).toBe(300);
  });

  it('skips 00 and FF padding between and after objects', () => {
    const result = parseTlvs(hex('00 8001 41 FFFF 8101 42 0000'));
    expect(result).toMatchObject({ ok: true, tlvs: [{ tag: 0x80 }, { tag: 0x81 }] });
  });

  it.each([
    ['5F', 'truncated-tag', 0],
    ['5F8181 01 00', 'tag-too-long', 0],
    ['80', 'truncated-length', 1],
    ['80 85 0000000001', 'unsupported-length', 1],
    ['80 80', 'unsupported-length', 1],
    ['80 82 01', 'truncated-length', 1],
    ['80 05 0102', 'truncated-value', 2],
    ['65 04 8005 0102', 'truncated-value', 4],
  ])('reports %s as %s at offset %d', (input, reason, offset) => {
    expect(parseTlvs(hex(input))).toEqual({ ok: false, reason, offset });
  });

  it('refuses nesting deeper than any card uses', () => {
    let bytes: Uint8Array = hex('8000');
    for (let i = 0; i < 12; i += 1) bytes = encodeTlv(0xa0, bytes);
    expect(parseTlvs(bytes)).toMatchObject({ ok: false, reason: 'too-deep' });
  });

  it('never throws on arbitrary bytes, and what it accepts lies inside the input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const result = parseTlvs(bytes);
        if (!result.ok) return result.offset >= 0 && result.offset <= bytes.length;
        // Top-level values are disjoint slices of the input (headers take at least 2 bytes each).
        return result.tlvs.reduce((n, t) => n + 2 + t.value.length, 0) <= bytes.length;
      }),
      { numRuns: 2000 },
    );
  });

  it('parses back what encodeTlv wrote, for random trees', () => {
    const primitive = fc.record({
      tag: fc.constantFrom(0x80, 0x81, 0x82, 0x93, 0x5f37),
      value: fc.uint8Array({ maxLength: 200 }),
    });
    const tree = fc.record({
      tag: fc.constantFrom(0x65, 0x66, 0xa0, 0x7f21),
      children: fc.array(primitive, { maxLength: 5 }),
    });
    fc.assert(
      fc.property(fc.array(tree, { maxLength: 4 }), (trees) => {
        const bytes = trees.map((t) =>
          encodeTlv(
            t.tag,
            t.children.map((c) => encodeTlv(c.tag, c.value)),
          ),
        );
        const joined = Uint8Array.from(bytes.flatMap((b) => [...b]));
        const result = parseTlvs(joined);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(result.tlvs.map((t) => t.tag)).toEqual(trees.map((t) => t.tag));
        result.tlvs.forEach((t, i) => {
          expect(t.children?.map((c) => [c.tag, [...c.value]])).toEqual(
            trees[i]!.children.map((c) => [c.tag, [...c.value]]),
          );
        });
      }),
      { numRuns: 300 },
    );
  });

  it('encodes DER lengths in the shortest form', () => {
    expect(encodeTlv(0x80, ascii('A'))).toEqual(hex('8001 41'));
    expect(encodeTlv(0x80, new Uint8Array(0x80)).subarray(0, 3)).toEqual(hex('8081 80'));
    expect(encodeTlv(0x7f21, new Uint8Array(0x100)).subarray(0, 5)).toEqual(hex('7F21 820100'));
  });
});
