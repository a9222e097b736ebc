import { describe, expect, it } from 'vitest';
import { ManualClock } from '../util/testing/manual-clock';
import { Reconnector } from './reconnector';
import { SocketClosedError, SocketConnection } from './socket-connection';
import { FakeSocket } from './testing/fake-socket';

/** Settles the promise callbacks queued by socket events. */
const flush = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

function setup(onOpen: (c: SocketConnection) => void | Promise<void> = () => {}) {
  const clock = new ManualClock();
  const sockets: FakeSocket[] = [];
  const events: string[] = [];
  const reconnector = new Reconnector({
    connect: () => {
      const socket = new FakeSocket();
      sockets.push(socket);
      return new SocketConnection(socket, () => {});
    },
    onOpen: async (c) => {
      events.push(`open ${sockets.findIndex((s) => s === c.socket)}`);
      await onOpen(c);
    },
    onLost: ({ wasOpen, attempt, delayMs }) =>
      events.push(`lost ${wasOpen ? 'open' : 'unopened'} #${attempt} ${delayMs}`),
    backoff: { initialMs: 100, maxMs: 400 },
    clock,
  });
  return { clock, sockets, events, reconnector };
}

describe('SocketConnection', () => {
  it('resolves opened on open and closed with the code', async () => {
    const socket = new FakeSocket();
    const messages: unknown[] = [];
    const connection = new SocketConnection(socket, (data) => messages.push(data));
    socket.open();
    await connection.opened;
    expect(connection.isOpen).toBe(true);
    socket.receive('hello');
    connection.send('out');
    expect(messages).toEqual(['hello']);
    expect(socket.sent).toEqual(['out']);
    socket.drop(4001);
    expect(await connection.closed).toBe(4001);
    expect(connection.isOpen).toBe(false);
  });

  it('rejects opened when the socket closes before opening', async () => {
    const socket = new FakeSocket();
    const connection = new SocketConnection(socket, () => {});
    socket.drop(1006);
    await expect(connection.opened).rejects.toBeInstanceOf(SocketClosedError);
  });
});

describe('Reconnector', () => {
  it('reconnects after a cut with growing delays on the clock, and starts over after a success', async () => {
    const { clock, sockets, events, reconnector } = setup();
    reconnector.start();
    sockets[0]!.open();
    await flush();
    sockets[0]!.drop();
    await flush();
    expect(events).toEqual(['open 0', 'lost open #1 100']);
    clock.advance(99);
    expect(sockets).toHaveLength(1);
    clock.advance(1);
    expect(sockets).toHaveLength(2);
    // The platform is still down: each failed attempt waits longer, up to the ceiling.
    for (const expected of [200, 400, 400]) {
      sockets.at(-1)!.drop();
      await flush();
      expect(events.at(-1)).toBe(`lost unopened #${reconnector.attempts} ${expected}`);
      clock.advance(expected);
    }
    sockets.at(-1)!.open();
    await flush();
    expect(events.at(-1)).toBe('open 4');
    expect(reconnector.attempts).toBe(0);
    sockets.at(-1)!.drop();
    await flush();
    expect(events.at(-1)).toBe('lost open #1 100');
  });

  it('counts an onOpen that fails as a failed attempt and closes that connection', async () => {
    let refuse = true;
    const { clock, sockets, events, reconnector } = setup(() => {
      if (refuse) throw new Error('resume refused');
    });
    reconnector.start();
    sockets[0]!.open();
    await flush();
    expect(sockets[0]!.readyState).toBe(3);
    expect(events).toEqual(['open 0', 'lost open #1 100']);
    refuse = false;
    clock.advance(100);
    sockets[1]!.open();
    await flush();
    expect(reconnector.attempts).toBe(0);
    await expect(reconnector.whenReady()).resolves.toBe(reconnector.connection);
  });

  it('hands waiters the next ready connection, and rejects them once stopped', async () => {
    const { clock, sockets, reconnector } = setup();
    reconnector.start();
    const first = reconnector.whenReady();
    sockets[0]!.open();
    expect((await first).socket).toBe(sockets[0]);
    sockets[0]!.drop();
    await flush();
    const next = reconnector.whenReady();
    clock.advance(100);
    sockets[1]!.open();
    expect((await next).socket).toBe(sockets[1]);
    sockets[1]!.drop();
    await flush();
    const never = reconnector.whenReady();
    reconnector.stop();
    await expect(never).rejects.toThrow(/stopped/);
  });

  it('stops: closes the connection without reporting it and connects no more', async () => {
    const { clock, sockets, events, reconnector } = setup();
    reconnector.start();
    sockets[0]!.open();
    await flush();
    reconnector.stop();
    await flush();
    expect(sockets[0]!.readyState).toBe(3);
    expect(reconnector.connection).toBeNull();
    expect(events).toEqual(['open 0']);
    clock.advance(10_000);
    expect(sockets).toHaveLength(1);
    reconnector.start();
    expect(sockets).toHaveLength(1);
  });
});
