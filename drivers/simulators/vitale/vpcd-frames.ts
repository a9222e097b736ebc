/**
 * vpcd's socket protocol (vsmartcard's vpcd.c): every message is a 2-byte big-endian length then
 * the payload. A 1-byte payload from vpcd is a control: 00 power off, 01 power on, 02 reset,
 * 04 "send your ATR" (answered with the ATR); a longer one is a command APDU (answered with the
 * response APDU).
 */
export const VPCD_CTRL_OFF = 0x00;
export const VPCD_CTRL_ON = 0x01;
export const VPCD_CTRL_RESET = 0x02;
export const VPCD_CTRL_ATR = 0x04;

export function encodeVpcdFrame(payload: Uint8Array): Uint8Array {
  const frame = new Uint8Array(2 + payload.length);
  frame[0] = payload.length >> 8;
  frame[1] = payload.length & 0xff;
  frame.set(payload, 2);
  return frame;
}

/** Cuts a TCP byte stream into vpcd payloads, whatever the chunking. */
export class VpcdFrameReader {
  #buffer = new Uint8Array(0);

  push(chunk: Uint8Array): Uint8Array[] {
    const joined = new Uint8Array(this.#buffer.length + chunk.length);
    joined.set(this.#buffer);
    joined.set(chunk, this.#buffer.length);
    const payloads: Uint8Array[] = [];
    let at = 0;
    while (joined.length - at >= 2) {
      const length = (joined[at]! << 8) | joined[at + 1]!;
      if (joined.length - at - 2 < length) break;
      payloads.push(joined.slice(at + 2, at + 2 + length));
      at += 2 + length;
    }
    this.#buffer = joined.slice(at);
    return payloads;
  }
}
