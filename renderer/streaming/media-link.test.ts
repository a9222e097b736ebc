import { Device, FakeHandler } from 'mediasoup-client';
import * as fakeParameters from 'mediasoup-client/fakeParameters';
import type { types } from 'mediasoup-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeMediaSignaling, fakeTrack } from '../../web-shared/media/testing/fake-media-signaling';
import { PreparedDevice } from '../../web-shared/media/prepared-device';
import { MediaLink, type KioskSignaling } from './media-link';

function fakeStream() {
  const audio = fakeTrack('audio');
  const video = fakeTrack('video');
  return { getAudioTracks: () => [audio], getVideoTracks: () => [video] } as unknown as MediaStream;
}

async function startedLink() {
  const device = new PreparedDevice(() => new Device({ handlerFactory: FakeHandler.createFactory(fakeParameters) }));
  const platform = fakeMediaSignaling<KioskSignaling>();
  const link = new MediaLink(device, platform.signaling, { onRemoteTracks: () => {} });
  await link.start(fakeStream(), false);
  // The send transport, as mediasoup-client made it, inside the shared session.
  const transports = (link as unknown as { session: { send: types.Transport } }).session;
  return { link, platform, transports };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("MediaLink: the kiosk's side of the shared media session (mediasoup-client with its fake handler)", () => {
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
    await link.closeStethoscope();
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
});
