import { Device, FakeHandler } from 'mediasoup-client';
import * as fakeParameters from 'mediasoup-client/fakeParameters';
import type { types } from 'mediasoup-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeMediaSignaling, fakeTrack } from '../../web-shared/media/testing/fake-media-signaling';
import { MediaLink, type KioskSignaling } from './media-link';

function fakeSignaling(refuseRestart = false) {
  return fakeMediaSignaling<KioskSignaling>({ refuseRestart });
}

function fakeStream() {
  const audio = fakeTrack('audio');
  const video = fakeTrack('video');
  return { getAudioTracks: () => [audio], getVideoTracks: () => [video] } as unknown as MediaStream;
}

async function startedLink(refuseRestart = false) {
  const device = new Device({ handlerFactory: FakeHandler.createFactory(fakeParameters) });
  const platform = fakeSignaling(refuseRestart);
  const events = { connectivity: [] as boolean[], rejoins: [] as string[], iceServerErrors: [] as unknown[] };
  const link = new MediaLink(device, platform.signaling, {
    onRemoteTracks: () => {},
    onConnectivity: (c) => events.connectivity.push(c),
    onNeedsRejoin: (r) => events.rejoins.push(r),
    onIceServerError: (e) => events.iceServerErrors.push(e),
  });
  await link.start(fakeStream(), false);
  // The transports, as mediasoup-client made them (to drive their fake ICE state).
  const transports = link as unknown as { send: types.Transport; recv: types.Transport };
  const setState = (which: 'send' | 'recv', state: types.ConnectionState) =>
    (transports[which].handler as unknown as FakeHandler).setConnectionState(state);
  return { link, platform, events, setState, transports };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('MediaLink (mediasoup-client with its fake handler)', () => {
  it('negotiates: capabilities, two transports, camera, microphone, and both vitals channels', async () => {
    const { link, platform } = await startedLink();
    expect(platform.methods()).toEqual([
      'get-router-capabilities',
      'create-transport',
      'create-transport',
      'connect-transport',
      'produce',
      'produce',
      'produce-data',
      'produce-data',
      'list-producers',
    ]);
    const produced = platform.calls.filter((c) => c.method === 'produce').map((c) => c.params.source);
    expect(produced).toEqual(['camera', 'microphone']);
    const data = platform.calls.filter((c) => c.method === 'produce-data').map((c) => c.params);
    expect(data.map((d) => d.label)).toEqual(['vitals-live', 'vitals-results']);
    // The waveform is lossy and unordered; the results are reliable and ordered.
    expect(data[0]!.sctpStreamParameters).toMatchObject({ ordered: false, maxRetransmits: 0 });
    expect(data[1]!.sctpStreamParameters).toMatchObject({ ordered: true });
    expect((data[1]!.sctpStreamParameters as { maxRetransmits?: number }).maxRetransmits).toBeUndefined();
    expect(link.hasVideo).toBe(true);
    await link.dropVideo();
    expect(link.hasVideo).toBe(false);
    expect(platform.methods().at(-1)).toBe('close-producer');
    link.close();
  });

  it('sends the stethoscope as its own producer, stereo Opus at 64 kbit/s without DTX, once, and stops it', async () => {
    const { link, platform, transports } = await startedLink();
    const produce = vi.spyOn(transports.send, 'produce');
    const stethoscope = fakeTrack('audio');
    await link.produceStethoscope(stethoscope);
    await link.produceStethoscope(stethoscope);
    expect(produce).toHaveBeenCalledTimes(1);
    expect(produce.mock.calls[0]![0]).toMatchObject({
      track: stethoscope,
      appData: { source: 'stethoscope' },
      codecOptions: { opusStereo: true, opusDtx: false, opusMaxAverageBitrate: 64_000 },
      stopTracks: false,
    });
    // After the call's own camera and microphone (in the order the link produces them).
    expect(platform.calls.filter((c) => c.method === 'produce').map((c) => c.params.source)).toEqual([
      'camera',
      'microphone',
      'stethoscope',
    ]);
    expect(link.sendsStethoscope).toBe(true);
    await link.closeStethoscope();
    expect(link.sendsStethoscope).toBe(false);
    expect(platform.methods().at(-1)).toBe('close-producer');
    link.close();
  });

  it('sends the examination camera as its own producer at full size (no downscale, 2.5 Mbit/s), once, and stops it', async () => {
    const { link, platform, transports } = await startedLink();
    const produce = vi.spyOn(transports.send, 'produce');
    const camera = fakeTrack('video');
    await link.produceExamCamera(camera);
    await link.produceExamCamera(camera);
    expect(produce).toHaveBeenCalledTimes(1);
    expect(produce.mock.calls[0]![0]).toMatchObject({
      track: camera,
      appData: { source: 'exam-camera' },
      encodings: [{ maxBitrate: 2_500_000, scaleResolutionDownBy: 1 }],
      stopTracks: false,
    });
    expect(platform.calls.filter((c) => c.method === 'produce').map((c) => c.params.source)).toEqual([
      'camera',
      'microphone',
      'exam-camera',
    ]);
    await link.closeExamCamera();
    expect(platform.methods().at(-1)).toBe('close-producer');
    link.close();
  });

  it('passes on the TURN servers that fail (refused credential, unreachable), not other candidate errors', async () => {
    const { link, events, transports } = await startedLink();
    const error = (url: string, errorCode: number, errorText: string) =>
      ({ url, errorCode, errorText, address: null, port: null }) as unknown as RTCPeerConnectionIceErrorEvent;
    const emit = (t: types.Transport, e: RTCPeerConnectionIceErrorEvent) =>
      (t as unknown as { safeEmit(name: string, e: unknown): void }).safeEmit('icecandidateerror', e);
    emit(transports.send, error('turns:turn.test:443?transport=tcp', 401, 'Unauthorized'));
    emit(transports.recv, error('stun:stun.test:3478', 701, 'STUN host lookup received error.'));
    emit(transports.recv, error('turn:turn.test:3478', 701, 'TURN host lookup received error.'));
    expect(events.iceServerErrors).toEqual([
      { url: 'turns:turn.test:443?transport=tcp', code: 401, text: 'Unauthorized' },
      { url: 'turn:turn.test:3478', code: 701, text: 'TURN host lookup received error.' },
    ]);
    link.close();
  });

  it('restarts ICE after a disconnection that does not heal, and does nothing when it heals', async () => {
    const { link, platform, events, setState } = await startedLink();
    setState('send', 'connected');
    setState('recv', 'connected');
    expect(events.connectivity.at(-1)).toBe(true);

    setState('send', 'disconnected');
    expect(events.connectivity.at(-1)).toBe(false);
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
    expect(events.rejoins).toEqual([]);
    link.close();
  });

  it('asks for a rejoin when the ICE restart does not bring the transport back', async () => {
    const { link, platform, events, setState } = await startedLink();
    setState('send', 'failed');
    await vi.advanceTimersByTimeAsync(0);
    expect(platform.methods().filter((m) => m === 'restart-ice')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(8000);
    expect(events.rejoins).toEqual(['ice restart did not reconnect']);
    link.close();
  });

  it('asks for a rejoin at once when the platform refuses the ICE restart', async () => {
    const { link, events, setState } = await startedLink(true);
    setState('recv', 'failed');
    await vi.advanceTimersByTimeAsync(0);
    expect(events.rejoins).toEqual(['ice restart failed']);
    link.close();
  });
});
