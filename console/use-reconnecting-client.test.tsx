import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSocket } from '../common/net/testing/fake-socket';
import { useReconnectingClient } from './use-reconnecting-client';

/** Sockets the hook opens; each opens (or fails) when the test says so. */
class Sockets {
  readonly made: FakeSocket[] = [];
  readonly create = (): FakeSocket => {
    const socket = new FakeSocket();
    this.made.push(socket);
    return socket;
  };
  open(i: number) {
    this.made[i]!.open();
  }
  drop(i: number) {
    this.made[i]!.drop();
  }
}

beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('useReconnectingClient', () => {
  it('hands out the client once opened, and opens a new socket after a drop', async () => {
    const sockets = new Sockets();
    const onOpen = vi.fn(async () => {});
    const onUnreachable = vi.fn();
    const { result } = renderHook(() =>
      useReconnectingClient({
        url: 'ws://x/signal',
        createSocket: sockets.create,
        onOpen,
        onEvent: () => {},
        onUnreachable,
      }),
    );
    expect(result.current.client).toBeNull();
    await act(async () => sockets.open(0));
    expect(onOpen).toHaveBeenCalledTimes(1);
    expect(result.current.client).not.toBeNull();

    await act(async () => sockets.drop(0));
    expect(result.current.client).toBeNull();
    // The first retry waits 500 ms less up to half of it (jitter).
    await act(async () => vi.advanceTimersByTime(249));
    expect(sockets.made).toHaveLength(1);
    await act(async () => vi.advanceTimersByTime(251));
    expect(sockets.made).toHaveLength(2);
    await act(async () => sockets.open(1));
    expect(onOpen).toHaveBeenCalledTimes(2);
    expect(result.current.client).not.toBeNull();
    expect(onUnreachable).not.toHaveBeenCalled();
  });

  it('says the platform is unreachable and retries, waiting longer each time', async () => {
    const sockets = new Sockets();
    const onUnreachable = vi.fn();
    renderHook(() =>
      useReconnectingClient({
        url: 'ws://x/signal',
        createSocket: sockets.create,
        onOpen: async () => {},
        onEvent: () => {},
        onUnreachable,
      }),
    );
    await act(async () => sockets.drop(0));
    expect(onUnreachable).toHaveBeenCalledTimes(1);
    await act(async () => vi.advanceTimersByTime(500));
    expect(sockets.made).toHaveLength(2);
    await act(async () => sockets.drop(1));
    expect(onUnreachable).toHaveBeenCalledTimes(2);
    // The second retry waits 1 s less up to half of it: never as little as the first.
    await act(async () => vi.advanceTimersByTime(499));
    expect(sockets.made).toHaveLength(2);
    await act(async () => vi.advanceTimersByTime(501));
    expect(sockets.made).toHaveLength(3);
  });

  it('hands a caller the next client when the socket is down (a sign-in pressed mid-reconnect), or null in time', async () => {
    const sockets = new Sockets();
    const { result } = renderHook(() =>
      useReconnectingClient({
        url: 'ws://x/signal',
        createSocket: sockets.create,
        onOpen: async () => {},
        onEvent: () => {},
        onUnreachable: () => {},
      }),
    );
    await act(async () => sockets.open(0));
    const first = result.current.client;
    expect(await result.current.nextClient(3_000)).toBe(first);

    // The platform closed the idle socket: the caller waits for the new one.
    await act(async () => sockets.drop(0));
    const waiting = result.current.nextClient(3_000);
    await act(async () => vi.advanceTimersByTime(500));
    await act(async () => sockets.open(1));
    const next = await waiting;
    expect(next).not.toBeNull();
    expect(next).not.toBe(first);

    // Nothing opens within the wait: null, so the caller can say the platform is unreachable.
    await act(async () => sockets.drop(1));
    const late = result.current.nextClient(3_000);
    await act(async () => vi.advanceTimersByTime(3_000));
    expect(await late).toBeNull();
  });
});
