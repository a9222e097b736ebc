import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { VITALE_AID, readBinary, selectAid, selectEf } from '../../cards/vitale-apdus';
import { VitaleControl } from './control-client';
import { startControlServer } from './control-server';
import { VirtualVitaleCard, VITALE_1_ATR, VITALE_2_ATR } from './virtual-vitale';
import { VpcdFrameReader, encodeVpcdFrame } from './vpcd-frames';
import { VpcdLink } from './vpcd-link';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex').toUpperCase();

/** Plays vpcd's side of the socket: sends a payload, resolves with the card's answer. */
async function fakeVpcd() {
  const server: Server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const connected = once(server, 'connection') as Promise<[Socket]>;
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    server,
    async socket() {
      const [socket] = await connected;
      const reader = new VpcdFrameReader();
      const answers: Uint8Array[] = [];
      let wake: (() => void) | null = null;
      socket.on('data', (chunk: Buffer) => {
        answers.push(...reader.push(chunk));
        wake?.();
      });
      const ask = async (payload: Uint8Array) => {
        socket.write(encodeVpcdFrame(payload));
        while (answers.length === 0) await new Promise<void>((resolve) => (wake = resolve));
        return answers.shift()!;
      };
      return { socket, ask };
    },
  };
}

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('VpcdFrameReader', () => {
  it('cuts payloads out of arbitrarily chunked bytes', () => {
    const reader = new VpcdFrameReader();
    const stream = Uint8Array.from([
      ...encodeVpcdFrame(Uint8Array.of(4)),
      ...encodeVpcdFrame(Uint8Array.of(0, 0xa4, 4, 0)),
      ...encodeVpcdFrame(new Uint8Array(0)),
    ]);
    const out = [...stream].flatMap((byte) => reader.push(Uint8Array.of(byte)));
    expect(out.map(hex)).toEqual(['04', '00A40400', '']);
    expect(reader.push(Uint8Array.of(0x00))).toEqual([]);
  });
});

/** A link for `scenario` to a fake vpcd, both closed when the test ends. */
async function linkedCard(scenario: ConstructorParameters<typeof VirtualVitaleCard>[0]) {
  const vpcd = await fakeVpcd();
  const link = new VpcdLink(new VirtualVitaleCard(scenario), vpcd.port);
  cleanups.push(
    () => link.remove(),
    () => vpcd.server.close(),
  );
  return { vpcd, link };
}

describe('VpcdLink', () => {
  it('answers the ATR request and the Vitale commands like a T=0 card', async () => {
    const { vpcd, link } = await linkedCard('valid-card');
    link.insert();
    const { ask } = await vpcd.socket();
    expect(await ask(Uint8Array.of(0x04))).toEqual(VITALE_2_ATR);
    const select = await ask(selectAid(VITALE_AID));
    expect(select[0]).toBe(0x61);
    expect(hex(await ask(Uint8Array.of(0x00, 0xc0, 0x00, 0x00, select[1]!)))).toMatch(/^6F.*9000$/);
    expect(hex(await ask(selectEf(0x2001)))).toBe('9000');
    expect(hex(await ask(readBinary(0)))).toMatch(/^6C[0-9A-F]{2}$/);
    expect(hex(await ask(selectEf(0x2006)))).toBe('9000');
    expect(hex(await ask(readBinary(0)))).toBe('6982');
  });

  it('drops the connection when pulled mid-read, and when removed', async () => {
    const { vpcd, link } = await linkedCard('removed-mid-read');
    const removed = once(link, 'removed');
    link.insert();
    const { socket, ask } = await vpcd.socket();
    const closed = once(socket, 'close');
    await ask(selectAid(VITALE_AID));
    await ask(selectEf(0x2004));
    socket.write(encodeVpcdFrame(readBinary(0)));
    expect(await removed).toEqual(['pulled-during-read']);
    await closed;
    expect(link.inserted).toBe(false);
  });
});

describe('the control socket', () => {
  it('inserts, removes and swaps the card, and refuses an unknown scenario', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vitale-control-'));
    const { vpcd, link } = await linkedCard('valid-card');
    const server = await startControlServer(link, join(dir, 'control.sock'));
    cleanups.push(
      () => server.close(),
      () => rmSync(dir, { recursive: true, force: true }),
    );
    const control = new VitaleControl(join(dir, 'control.sock'));
    expect(await control.state()).toMatchObject({ scenario: 'valid-card', inserted: false });
    await control.insert();
    const { ask } = await vpcd.socket();
    expect(await ask(Uint8Array.of(0x04))).toEqual(VITALE_2_ATR);
    expect(await control.remove()).toMatchObject({ inserted: false });
    expect(await control.setScenario('vitale-1')).toMatchObject({ scenario: 'vitale-1', inserted: false });
    expect(new VirtualVitaleCard('vitale-1').atr()).toEqual(VITALE_1_ATR);
    await expect(control.setScenario('gold-card')).rejects.toThrow('unknown scenario "gold-card"');
  });
});
