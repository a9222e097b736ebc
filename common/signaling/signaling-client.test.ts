import { afterEach, describe, expect, it, vi } from 'vitest';
import { DoctorMethods, PlatformToDoctor, type DoctorEvent } from './messages';
import { FakeSocket as SharedFakeSocket } from '../net/testing/fake-socket';
import { SignalingClient, SignalRequestError } from './signaling-client';

/** The shared fake, with the client's frames read back as objects. */
class FakeSocket extends SharedFakeSocket {
  get frames(): { type: string; id: string }[] {
    return this.sent.map((data) => JSON.parse(data) as { type: string; id: string });
  }
}

function client(requestTimeoutMs = 1000) {
  const socket = new FakeSocket();
  const c = new SignalingClient<typeof DoctorMethods, DoctorEvent>({
    url: 'ws://x/signal',
    methods: DoctorMethods,
    incoming: PlatformToDoctor,
    createSocket: () => socket,
    requestTimeoutMs,
  });
  socket.open();
  return { c, socket };
}

afterEach(() => vi.useRealTimers());

describe('SignalingClient', () => {
  it('correlates responses by id and validates the result', async () => {
    const { c, socket } = client();
    const a = c.request('subscribe-queue', {});
    const b = c.request('sign-out', {});
    expect(socket.frames.map((f) => f.type)).toEqual(['subscribe-queue', 'sign-out']);
    socket.receive({ type: 'response', id: socket.frames[1]!.id, ok: true, result: {} });
    socket.receive({
      type: 'response',
      id: socket.frames[0]!.id,
      ok: true,
      result: { entries: [], doctorsOnDuty: 2, ownCall: null },
    });
    expect(await a).toEqual({ entries: [], doctorsOnDuty: 2, ownCall: null });
    expect(await b).toEqual({});
  });

  it('rejects with the platform’s error code, a bad result, a timeout or a closed socket', async () => {
    vi.useFakeTimers();
    const { c, socket } = client(500);
    const refused = c.request('accept', { consultationId: 'c1' });
    socket.receive({
      type: 'response',
      id: socket.frames[0]!.id,
      ok: false,
      error: { code: 'conflict', message: 'taken' },
    });
    await expect(refused).rejects.toMatchObject({ code: 'conflict', message: 'taken' });

    const garbled = c.request('subscribe-queue', {});
    socket.receive({ type: 'response', id: socket.frames[1]!.id, ok: true, result: { entries: 'nope' } });
    await expect(garbled).rejects.toMatchObject({ code: 'bad-message' });

    const slow = c.request('subscribe-queue', {});
    vi.advanceTimersByTime(500);
    await expect(slow).rejects.toMatchObject({ code: 'timeout' });

    const pending = c.request('subscribe-queue', {});
    socket.close(1006);
    await expect(pending).rejects.toBeInstanceOf(SignalRequestError);
    expect(await c.closed).toBe(1006);
    await expect(c.request('sign-out', {})).rejects.toMatchObject({ code: 'closed' });
  });

  it('delivers valid events and ignores invalid frames', () => {
    const { c, socket } = client();
    const events: DoctorEvent[] = [];
    c.on((e) => events.push(e));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    socket.receive({ type: 'queue-list', entries: [], doctorsOnDuty: 1 });
    socket.receive({ type: 'queue-list', entries: 'x' });
    socket.onmessage?.({ data: 'not json' });
    expect(events).toEqual([{ type: 'queue-list', entries: [], doctorsOnDuty: 1 }]);
    expect(warn).toHaveBeenCalledTimes(2);
    warn.mockRestore();
  });
});
