import { describe, expect, it } from 'vitest';
import { classifyAtr } from './vitale-atr';

const atr = (text: string) => Uint8Array.from(text.split(' '), (b) => parseInt(b, 16));

describe('classifyAtr (pcsc-tools smartcard_list.txt, PROTOCOLS.md §4.1)', () => {
  it.each([
    ['3F 65 25 00 22 09 F9 90 00', 'vitale-1'],
    ['3F 65 25 00 2C 09 69 90 00', 'vitale-1'],
    ['3F 65 25 00 52 09 6A 90 00', 'vitale-1'],
    ['3F 65 25 00 A4 09 6A 90 00', 'vitale-1'],
    ['3B 75 13 00 00 43 09 EA 90 00', 'vitale-2'],
    ['3B 75 13 00 00 44 09 EA 90 00', 'vitale-2'],
    ['3B 75 13 00 00 49 09 EA 90 00', 'vitale-2'],
    ['3B 75 13 00 00 45 09 FA 90 00', 'vitale-2'],
    ['3B AC 00 40 2A 00 12 25 00 64 80 00 03 10 00 90 00', 'cps'],
    ['3B AC 00 40 2A 00 12 25 00 64 80 82 02 12 00 90 00', 'cps'],
    ['3B 8F 80 01 00 31 B8 64 04 B0 EC C1 73 94 01 80 82 90 00 0E', 'cps'],
    ['3B 75 13 00 00 42 09 EA 90 00', 'unknown'],
    ['3F 65 25 00 23 09 F9 90 00', 'unknown'],
    ['3B 68 00 00 00 73 C8 40 13 00 90 00', 'unknown'],
  ])('%s is %s', (value, kind) => {
    expect(classifyAtr(atr(value))).toBe(kind);
  });

  it('calls an empty ATR unknown', () => {
    expect(classifyAtr(new Uint8Array(0))).toBe('unknown');
  });
});
