import { describe, expect, it } from 'vitest';
import { normalisePleth, parseHex, toHex } from './frames';

describe('hex and pleth helpers', () => {
  it('parses hex with spaces, colons or a 0x prefix; rejects odd lengths and non-hex', () => {
    expect(parseHex('C4 35:06')).toEqual(Uint8Array.of(0xc4, 0x35, 0x06));
    expect(parseHex('0xff00')).toEqual(Uint8Array.of(0xff, 0x00));
    expect(parseHex('')).toEqual(new Uint8Array(0));
    expect(parseHex('ABC')).toBeNull();
    expect(parseHex('zz')).toBeNull();
    expect(toHex(Uint8Array.of(1, 0xab))).toBe('01 AB');
  });

  it('normalises pleth samples into 0–100', () => {
    expect(normalisePleth(127, 127)).toBe(100);
    expect(normalisePleth(0, 127)).toBe(0);
    expect(normalisePleth(300, 255)).toBe(100);
  });
});
