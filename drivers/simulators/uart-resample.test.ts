import { describe, expect, it } from 'vitest';
import type { SerialSettings } from '../protocols/types';
import { resampleUart, wrongBaudFor } from './uart-resample';

const n81: SerialSettings = { baudRate: 115200, dataBits: 8, parity: 'none', stopBits: 1 };
const o81: SerialSettings = { baudRate: 19200, dataBits: 8, parity: 'odd', stopBits: 1 };
const frame = Uint8Array.of(0x01, 0xa8, 0xc5, 0xbc, 0x97, 0x96, 0xe2, 0xeb, 0x80);

describe('resampleUart', () => {
  it('reads the bytes unchanged at the right rate (with or without parity)', () => {
    expect(resampleUart(frame, n81, 115200, 115200)).toEqual(frame);
    expect(resampleUart(Uint8Array.of(0xc4, 0x35, 0x06, 0x48, 0x61), o81, 19200, 19200)).toEqual(
      Uint8Array.of(0xc4, 0x35, 0x06, 0x48, 0x61),
    );
  });

  it('garbles a fast stream read slowly (fewer, wrong bytes)', () => {
    const out = resampleUart(frame, n81, 115200, 9600);
    expect(out.length).toBeLessThan(frame.length);
    expect(out).not.toEqual(frame.subarray(0, out.length));
  });

  it('garbles a slow stream read fast (more, wrong bytes)', () => {
    const out = resampleUart(frame, n81, 9600, 115200);
    expect(out.length).toBeGreaterThan(frame.length);
    // A slow 0x00 start bit spans many fast bit times: the receiver sees runs of zero bytes.
    expect(out.includes(0x00)).toBe(true);
  });

  it('picks a rate far from the expected one', () => {
    expect(wrongBaudFor(115200)).toBe(9600);
    expect(wrongBaudFor(9600)).toBe(115200);
  });
});
