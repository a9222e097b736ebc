import { Device, FakeHandler, type types } from 'mediasoup-client';
import * as fakeParameters from 'mediasoup-client/fakeParameters';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeMediaAnswers, fakeMediaSignaling, fakeTrack } from './testing/fake-media-signaling';
import { IceRecovery } from './ice-recovery';
import { PreparedDevice } from './prepared-device';
import { MediaSession, type MediaSessionEvents, type MediaSessionOptions, type OutgoingTrack } from './media-session';
import type { MediaSignaling } from './media-transport';

const fakeDevice = () => new Device({ handlerFactory: FakeHandler.createFactory(fakeParameters) });
const outgoing = (): Promise<OutgoingTrack[]> =>
  Promise.resolve([
    { track: fakeTrack('video'), source: 'camera' },
    { track: fakeTrack('audio'), source: 'microphone' },
  ]);

function recorded() {
  return {
    connectivity: [] as boolean[],
    rejoins: [] as string[],
    iceServerErrors: [] as unknown[],
    remote: [] as number[],
    data: [] as string[],
  };
}

function sessionOf(signaling: MediaSignaling, options: Partial<MediaSessionOptions> = {}) {
  const seen = recorded();
  const events: MediaSessionEvents = {
    onRemoteTracks: (tracks) => seen.remote.push(tracks.length),
    onConnectivity: (c) => seen.connectivity.push(c),
    onNeedsRejoin: (r) => seen.rejoins.push(r),
    onIceServerError: (e) => seen.iceServerErrors.push(e),
    onDataConsumer: (c) => seen.data.push(c.label),
  };
  const device = new PreparedDevice(fakeDevice);
  const session = new MediaSession({ signaling, device, order: 'send-first', ...options }, events);
  // The transports, as mediasoup-client made them (to drive their fake ICE state).
  const transports = session as unknown as { send: types.Transport; recv: types.Transport };
  const setState = (which: 'send' | 'recv', state: types.ConnectionState) =>
    (transports[which].handler as unknown as FakeHandler).setConnectionState(state);
  return { session, seen, transports, setState };
}

async function started(options: { refuseRestart?: boolean } & Partial<MediaSessionOptions> = {}) {
  const platform = fakeMediaSignaling<MediaSignaling>(options);
  const s = sessionOf(platform.signaling, options);
  await s.session.start(outgoing());
  return { ...s, platform };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('MediaSession set-up (mediasoup-client with its fake handler)', () => {
  it("'send-first': loads the Device, asks both transports at once, sends in order, then lists the other side", async () => {
    const { session, platform } = await started({ dataChannels: [{ ordered: true, label: 'a', protocol: 'p' }] });
    expect(platform.methods()).toEqual([
      'get-router-capabilities',
      'create-transport',
      'create-transport',
      'connect-transport',
      'produce',
      'produce',
      'produce-data',
      'list-producers',
    ]);
    expect(platform.calls.filter((c) => c.method === 'produce').map((c) => c.params.source)).toEqual([
      'camera',
      'microphone',
    ]);
    expect(session.dataProducer('a')).not.toBeNull();
    session.close();
  });

  it('prepare: transports and tracks before the call with no encoding active, then start turns them on and receives', async () => {
    const send = vi.spyOn(FakeHandler.prototype, 'send');
    const activate = vi.spyOn(FakeHandler.prototype, 'setRtpEncodingParameters');
    const platform = fakeMediaSignaling<MediaSignaling>();
    const { session } = sessionOf(platform.signaling, { dataChannels: [{ ordered: true, label: 'a', protocol: 'p' }] });
    await session.prepare(outgoing());
    // Before the accept: nothing of the other side, and every encoding inactive.
    expect(platform.methods()).toEqual([
      'get-router-capabilities',
      'create-transport',
      'create-transport',
      'connect-transport',
      'produce',
      'produce',
      'produce-data',
    ]);
    const active = send.mock.calls.flatMap(([options]) => (options.encodings ?? [{}]).map((e) => e.active));
    expect(active).toEqual([false, false]);
    expect(activate).not.toHaveBeenCalled();
    // The accept: the tracks are turned on, then the other side is asked for.
    await session.start(outgoing());
    expect(activate.mock.calls.map(([, params]) => params)).toEqual([{ active: true }, { active: true }]);
    expect(platform.methods().slice(7)).toEqual(['list-producers']);
    expect(session.sends('camera') && session.sends('microphone')).toBe(true);
    expect(session.dataProducer('a')).not.toBeNull();
    session.close();
    send.mockRestore();
    activate.mockRestore();
  });

  it('a preparation that failed is forgotten: the call negotiates from the beginning', async () => {
    const platform = fakeMediaSignaling<MediaSignaling>();
    const { session } = sessionOf(platform.signaling);
    await expect(session.prepare(Promise.reject(new Error('camera gone')))).rejects.toThrow('camera gone');
    await session.start(outgoing());
    expect(platform.methods().filter((m) => m === 'create-transport')).toHaveLength(4);
    expect(platform.methods().filter((m) => m === 'produce')).toHaveLength(2);
    session.close();
  });

  it("'side-by-side': the other side is consumed while this side's tracks are still to come", async () => {
    const answers = fakeMediaAnswers();
    const calls: string[] = [];
    const signaling = {
      request: async (method: string) => {
        calls.push(method);
        if (method === 'list-producers')
          return { producers: [{ producerId: 'k', kind: 'video', source: 'camera' }], dataProducers: [] };
        return answers[method]!();
      },
    } as unknown as MediaSignaling;
    const { session, seen } = sessionOf(signaling, { order: 'side-by-side' });
    let release = (_: OutgoingTrack[]) => {};
    const started = session.start(new Promise((resolve) => (release = resolve)));
    await vi.waitFor(() => expect(calls).toContain('resume-consumer'));
    expect(calls).not.toContain('produce');
    expect(seen.remote).toEqual([1]);
    release(await outgoing());
    await started;
    expect(calls.filter((m) => m === 'produce')).toHaveLength(2);
    session.close();
  });

  it('closes what it made when it is closed during the set-up, and a failed transport closes the other', async () => {
    const platform = fakeMediaSignaling<MediaSignaling>();
    const { session, transports } = sessionOf(platform.signaling);
    const start = session.start(outgoing());
    session.close();
    await start;
    expect(platform.methods()).not.toContain('produce');
    expect(transports.send).toBeNull();

    const answers = fakeMediaAnswers();
    let made = 0;
    const failing = {
      request: async (method: string) => {
        if (method === 'create-transport' && ++made === 2) throw new Error('no room');
        return answers[method]!();
      },
    } as unknown as MediaSignaling;
    const broken = sessionOf(failing);
    await expect(broken.session.start(outgoing())).rejects.toThrow('no room');
    expect(broken.transports.recv).toBeNull();
    broken.session.close();
  });

  it('consumes data channels of its protocol only, each once, and drops them when their producer closes', async () => {
    const { session, seen, platform } = await started({ dataProtocol: 'vitals' });
    await Promise.all([session.consumeData('d1'), session.consumeData('d1')]);
    expect(platform.methods().filter((m) => m === 'consume-data')).toHaveLength(1);
    expect(seen.data).toEqual(['vitals-live']);
    session.producerClosed('d1');
    await session.consumeData('d1');
    expect(platform.methods().filter((m) => m === 'consume-data')).toHaveLength(2);
    // Another protocol: asked (the platform names it only in its answer), not kept.
    const other = await started({ dataProtocol: 'chat' });
    await other.session.consumeData('d2');
    expect(other.seen.data).toEqual([]);
    // No protocol: the other side's data channels are not this session's business.
    const none = await started();
    await none.session.consumeData('d3');
    expect(none.platform.methods()).not.toContain('consume-data');
    for (const s of [session, other.session, none.session]) s.close();
  });

  it('reset() reports the other side gone and allows a new start; close() leaves no transport behind', async () => {
    const { session, seen, transports, platform } = await started();
    await session.consume({ producerId: 'k', source: 'camera' });
    expect(seen.remote).toEqual([1]);
    const first = { send: transports.send, recv: transports.recv };
    session.reset();
    expect(seen.remote).toEqual([1, 0]);
    expect(first.send.closed && first.recv.closed).toBe(true);
    await session.start(outgoing());
    expect(platform.methods().filter((m) => m === 'produce')).toHaveLength(4);
    session.close();
    expect(transports.send).toBeNull();
    expect(await session.receiveStats()).toBeNull();
  });
});

describe('MediaSession recovery', () => {
  it('passes on the TURN servers that fail (refused credential, unreachable), not other candidate errors', async () => {
    const { session, seen, transports } = await started();
    const error = (url: string, errorCode: number, errorText: string) =>
      ({ url, errorCode, errorText, address: null, port: null }) as unknown as RTCPeerConnectionIceErrorEvent;
    const emit = (t: types.Transport, e: RTCPeerConnectionIceErrorEvent) =>
      (t as unknown as { safeEmit(name: string, e: unknown): void }).safeEmit('icecandidateerror', e);
    emit(transports.send, error('turns:turn.test:443?transport=tcp', 401, 'Unauthorized'));
    emit(transports.recv, error('stun:stun.test:3478', 701, 'STUN host lookup received error.'));
    emit(transports.recv, error('turn:turn.test:3478', 701, 'TURN host lookup received error.'));
    expect(seen.iceServerErrors).toEqual([
      { url: 'turns:turn.test:443?transport=tcp', code: 401, text: 'Unauthorized' },
      { url: 'turn:turn.test:3478', code: 701, text: 'TURN host lookup received error.' },
    ]);
    session.close();
  });

  it('restarts ICE after a disconnection that does not heal, and does nothing when it heals', async () => {
    const { session, platform, seen, setState } = await started();
    setState('send', 'connected');
    setState('recv', 'connected');
    expect(seen.connectivity.at(-1)).toBe(true);
    expect(session.connectionStates()).toEqual(['connected', 'connected']);

    setState('send', 'disconnected');
    expect(seen.connectivity.at(-1)).toBe(false);
    setState('send', 'connected');
    await vi.advanceTimersByTimeAsync(5000);
    expect(platform.methods()).not.toContain('restart-ice');

    setState('recv', 'disconnected');
    await vi.advanceTimersByTimeAsync(1999);
    expect(platform.methods()).not.toContain('restart-ice');
    await vi.advanceTimersByTimeAsync(1);
    expect(platform.methods()).toContain('restart-ice');
    setState('recv', 'connected');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(seen.rejoins).toEqual([]);
    session.close();
  });

  it('counts a transport that connected before it was watched as connected', async () => {
    const platform = fakeMediaSignaling<MediaSignaling>();
    const seen: boolean[] = [];
    const recovery = new IceRecovery({
      signaling: platform.signaling,
      restartAfterMs: 2000,
      onConnectivity: (c) => seen.push(c),
    });
    const { session, transports, setState } = await started();
    setState('recv', 'connected');
    recovery.watch(transports.recv);
    recovery.watch(transports.send);
    setState('send', 'connected');
    expect(seen).toEqual([true]);
    recovery.close();
    session.close();
  });

  it('restarts at once when the side asks so (the console)', async () => {
    const { session, platform, setState } = await started({ iceRestartAfterMs: 0 });
    setState('recv', 'disconnected');
    await vi.advanceTimersByTimeAsync(0);
    expect(platform.methods()).toContain('restart-ice');
    session.close();
  });

  it('asks for a rejoin when the ICE restart does not bring the transport back', async () => {
    const { session, platform, seen, setState } = await started();
    setState('send', 'failed');
    await vi.advanceTimersByTimeAsync(0);
    expect(platform.methods().filter((m) => m === 'restart-ice')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(8000);
    expect(seen.rejoins).toEqual(['ice restart did not reconnect']);
    session.close();
  });

  it('asks for a rejoin at once when the platform refuses the ICE restart', async () => {
    const { session, seen, setState } = await started({ refuseRestart: true });
    setState('recv', 'failed');
    await vi.advanceTimersByTimeAsync(0);
    expect(seen.rejoins).toEqual(['ice restart failed']);
    session.close();
  });

  it('has no timer left after close: a pending restart never runs', async () => {
    const { session, platform, seen, setState } = await started();
    setState('send', 'disconnected');
    session.close();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(platform.methods()).not.toContain('restart-ice');
    expect(seen.rejoins).toEqual([]);
  });
});
