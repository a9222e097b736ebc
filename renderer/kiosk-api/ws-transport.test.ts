import { describe, expect, it } from 'vitest';
import { FakeSocket } from '../../common/net/testing/fake-socket';
import { ManualClock } from '../../common/util/testing/manual-clock';
import { createWsTransport } from './ws-transport';

const flush = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

function setup() {
  const clock = new ManualClock();
  const sockets: FakeSocket[] = [];
  const transport = createWsTransport('ws://127.0.0.1:1/kiosk-api?token=t', {
    createSocket: () => {
      const socket = new FakeSocket();
      sockets.push(socket);
      return socket;
    },
    clock,
  });
  /** The web host's answer to the last invoke on `socket`. */
  const answer = (socket: FakeSocket, value: unknown) => {
    const { id } = JSON.parse(socket.sent.at(-1)!) as { id: number };
    socket.receive({ type: 'result', id, envelope: { ok: true, value } });
  };
  return { clock, sockets, transport, answer };
}

describe('createWsTransport', () => {
  it('sends an invoke once the socket is open and resolves with the answer', async () => {
    const { sockets, transport, answer } = setup();
    const result = transport.invoke('flow:get-view', {});
    await flush();
    expect(sockets[0]!.sent).toEqual([]);
    sockets[0]!.open();
    await flush();
    expect(JSON.parse(sockets[0]!.sent[0]!)).toMatchObject({ type: 'invoke', channel: 'flow:get-view' });
    answer(sockets[0]!, { step: 'welcome' });
    await expect(result).resolves.toEqual({ step: 'welcome' });
  });

  it('after the web host restarts, reconnects with backoff; requests wait and listeners carry on', async () => {
    const { clock, sockets, transport, answer } = setup();
    const heard: unknown[] = [];
    transport.subscribe('flow:view-changed', (payload) => heard.push(payload));
    sockets[0]!.open();
    await flush();
    sockets[0]!.drop();
    await flush();
    const during = transport.invoke('flow:get-view', {});
    // First retry after 250 ms; that attempt fails too, the next waits 500 ms.
    expect(clock.pendingDelays()).toEqual([250]);
    clock.advance(250);
    sockets[1]!.drop();
    await flush();
    expect(clock.pendingDelays()).toEqual([500]);
    clock.advance(500);
    sockets[2]!.open();
    await flush();
    answer(sockets[2]!, 'late but answered');
    await expect(during).resolves.toBe('late but answered');
    sockets[2]!.receive({ type: 'event', channel: 'flow:view-changed', payload: { step: 'identify' } });
    expect(heard).toEqual([{ step: 'identify' }]);
  });

  it('rejects an invoke the kiosk answered with an error', async () => {
    const { sockets, transport } = setup();
    sockets[0]!.open();
    const result = transport.invoke('flow:send', { type: 'START' });
    await flush();
    const { id } = JSON.parse(sockets[0]!.sent[0]!) as { id: number };
    sockets[0]!.receive({ type: 'result', id, envelope: { ok: false, error: { code: 'bad', message: 'no' } } });
    await expect(result).rejects.toThrow('no');
  });
});
