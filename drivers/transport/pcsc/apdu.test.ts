import { describe, expect, it } from 'vitest';
import { splitResponse, swHex, transmitApdu, withLe } from './apdu';
import { PcscError } from './pcsc-transport';
import { pcscErrorFrom } from './smartcard-transport';

const hex = (text: string) => Uint8Array.from(text.match(/../g) ?? [], (b) => parseInt(b, 16));
const toHex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex').toUpperCase();

/** A card answering from a script keyed by the command's hex; records what it was sent. */
function scripted(script: Record<string, string>) {
  const sent: string[] = [];
  const send = (command: Uint8Array) => {
    const key = toHex(command);
    sent.push(key);
    const answer = script[key];
    return answer === undefined ? Promise.reject(new Error(`unexpected ${key}`)) : Promise.resolve(hex(answer));
  };
  return { sent, send };
}

describe('transmitApdu', () => {
  it('passes a plain answer through, split into data and status word', async () => {
    const card = scripted({ '00B0000004': '010203049000' });
    await expect(transmitApdu(card.send, hex('00B0000004'))).resolves.toEqual({ data: hex('01020304'), sw: 0x9000 });
  });

  it('follows 61xx with GET RESPONSE and concatenates the data (T=0)', async () => {
    const card = scripted({ '00A4040002D250': 'AA6104', '00C0000004': 'BBCCDDEE6102', '00C0000002': 'FF119000' });
    const response = await transmitApdu(card.send, hex('00A4040002D250'));
    expect(card.sent).toEqual(['00A4040002D250', '00C0000004', '00C0000002']);
    expect(response).toEqual({ data: hex('AABBCCDDEEFF11'), sw: 0x9000 });
  });

  it('re-sends with the Le the card asks for on 6Cxx, also for a command without Le', async () => {
    const card = scripted({ '00B0000000': '6C03', '00B0000003': '0102039000' });
    await expect(transmitApdu(card.send, hex('00B0000000'))).resolves.toEqual({ data: hex('010203'), sw: 0x9000 });
    expect(card.sent).toEqual(['00B0000000', '00B0000003']);
    expect(withLe(hex('00B00000'), 0x10)).toEqual(hex('00B0000010'));
  });

  it('gives up after a bounded number of rounds on a card that loops on 61xx', async () => {
    let calls = 0;
    const response = await transmitApdu(() => {
      calls += 1;
      return Promise.resolve(hex('6101'));
    }, hex('00C0000001'));
    expect(calls).toBeLessThanOrEqual(33);
    expect(response.sw).toBe(0x6101);
  });

  it('reports a response shorter than a status word as SW 0000, and passes rejections through', async () => {
    expect(splitResponse(hex('90'))).toEqual({ data: new Uint8Array(0), sw: 0 });
    const removed = new PcscError('card-removed', 'Card was removed');
    await expect(transmitApdu(() => Promise.reject(removed), hex('00B0000000'))).rejects.toBe(removed);
    expect(swHex(0x6a82)).toBe('6A82');
  });
});

describe('pcscErrorFrom', () => {
  it.each([
    ['PC/SC service not running', 'no-service'],
    ['Card was removed', 'card-removed'],
    ['Card is unpowered', 'unresponsive'],
    ['Transaction failed', 'transmit-failed'],
    ['Something new', 'unknown'],
  ] as const)('reads "%s" as %s', (message, code) => {
    expect(pcscErrorFrom(new Error(message)).code).toBe(code);
  });
});
