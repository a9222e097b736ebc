import { concatBytes } from '../../../common/util/bytes';
/** A response APDU split into its data and the status word (SW1 SW2 as one number, e.g. 0x9000). */
export interface ResponseApdu {
  data: Uint8Array;
  sw: number;
}

export const SW_OK = 0x9000;

/** "6A82" for status words in logs and error details (never the data). */
export function swHex(sw: number): string {
  return sw.toString(16).toUpperCase().padStart(4, '0');
}

/** Sends raw bytes to the card and resolves with the raw response (data then SW1 SW2). */
export type RawTransmit = (command: Uint8Array) => Promise<Uint8Array>;

/**
 * A T=0 card answers with a procedure status the reader must act on (ISO 7816-3 §10.3.3 / 7816-4
 * §5.1.3): 61xx "xx more bytes, ask with GET RESPONSE"; 6Cxx "wrong Le, re-send with Le = xx".
 * More than this many rounds means the card is looping: give its last answer back.
 */
const MAX_PROCEDURE_ROUNDS = 32;

/** Splits a raw response; a response shorter than a status word is reported as SW 0x0000. */
export function splitResponse(raw: Uint8Array): ResponseApdu {
  if (raw.length < 2) return { data: new Uint8Array(0), sw: 0 };
  return { data: raw.slice(0, raw.length - 2), sw: (raw[raw.length - 2]! << 8) | raw[raw.length - 1]! };
}

/** The same command with its Le (last byte; appended to a case-1 command) set to `le`. */
export function withLe(command: Uint8Array, le: number): Uint8Array {
  const out = command.length <= 4 ? new Uint8Array(5) : new Uint8Array(command);
  if (command.length <= 4) out.set(command);
  out[out.length - 1] = le;
  return out;
}

/**
 * Sends `command`, following 61xx with GET RESPONSE (00 C0 00 00 xx, data concatenated) and 6Cxx
 * by re-sending with Le = xx. Rejections of `send` pass through unchanged.
 */
export async function transmitApdu(send: RawTransmit, command: Uint8Array): Promise<ResponseApdu> {
  let response = splitResponse(await send(command));
  const chunks: Uint8Array[] = [];
  for (let round = 0; round < MAX_PROCEDURE_ROUNDS; round += 1) {
    const sw1 = response.sw >> 8;
    const sw2 = response.sw & 0xff;
    if (sw1 === 0x61) {
      chunks.push(response.data);
      response = splitResponse(await send(Uint8Array.of(0x00, 0xc0, 0x00, 0x00, sw2)));
    } else if (sw1 === 0x6c) {
      response = splitResponse(await send(withLe(command, sw2)));
    } else break;
  }
  if (chunks.length === 0) return response;
  return { data: concatBytes([...chunks, response.data]), sw: response.sw };
}
