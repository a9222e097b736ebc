import type * as MediasoupClient from 'mediasoup-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeMediaAnswers, fakeTrack } from '../web-shared/media/testing/fake-media-signaling';
import { ConsultationMedia, type ConsultationMediaEvents } from './consultation-media';
import type { DoctorClient } from './platform-client';

// No WebRTC here: the console's Device runs on mediasoup-client's fake handler (e2e/console runs the real one).
vi.mock('mediasoup-client', async (importOriginal) => {
  const real = await importOriginal<typeof MediasoupClient>();
  const fakeParameters = await import('mediasoup-client/fakeParameters');
  class FakeDevice extends real.Device {
    constructor() {
      super({ handlerFactory: real.FakeHandler.createFactory(fakeParameters) });
    }
  }
  return { ...real, Device: FakeDevice };
});

/** The platform's side: canned media answers, every request recorded, `consume` held until released. */
function platform() {
  const answers = fakeMediaAnswers();
  const calls: { method: string; params: Record<string, unknown> }[] = [];
  let release = () => {};
  const consumeHeld = new Promise<void>((resolve) => (release = resolve));
  const client = {
    request: async (method: string, params: Record<string, unknown>) => {
      calls.push({ method, params });
      if (method === 'list-producers')
        return { producers: [{ producerId: 'kiosk-camera', kind: 'video', source: 'camera' }], dataProducers: [] };
      if (method === 'consume') await consumeHeld;
      return answers[method]!();
    },
  } as unknown as DoctorClient;
  return { client, calls, release, methods: () => calls.map((c) => c.method) };
}

const events = (): ConsultationMediaEvents => ({
  onRemoteStream: vi.fn(),
  onLocalStream: vi.fn(),
  onVitals: vi.fn(),
  onError: vi.fn(),
});

beforeEach(() => {
  const tracks = { audio: fakeTrack('audio'), video: fakeTrack('video') };
  const camera = {
    getAudioTracks: () => [tracks.audio],
    getVideoTracks: () => [tracks.video],
    getTracks: () => [tracks.audio, tracks.video],
  };
  vi.stubGlobal('navigator', { mediaDevices: { getUserMedia: async () => camera } });
  vi.stubGlobal(
    'MediaStream',
    class {
      constructor(readonly tracks: MediaStreamTrack[]) {}
    },
  );
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('ConsultationMedia.start (the doctor side of the call set-up, issue 22)', () => {
  it('asks for both transports at once, then produces the camera before the microphone while the kiosk is still being consumed', async () => {
    const p = platform();
    const session = new ConsultationMedia(p.client, events());
    const started = session.start();
    // The doctor's tracks go out although the kiosk's camera is not consumed yet: neither side waits for the other.
    await vi.waitFor(() => expect(p.methods().filter((m) => m === 'produce')).toHaveLength(2));
    expect(p.methods().slice(0, 3)).toEqual(['get-router-capabilities', 'create-transport', 'create-transport']);
    expect(p.calls.slice(1, 3).map((c) => c.params.direction)).toEqual(['recv', 'send']);
    expect(p.calls.filter((c) => c.method === 'produce').map((c) => c.params.source)).toEqual(['camera', 'microphone']);
    expect(p.methods()).toContain('consume');
    expect(p.methods()).not.toContain('resume-consumer');
    p.release();
    await started;
    expect(p.methods().at(-1)).toBe('resume-consumer');
    session.close();
  });

  it('still consumes the kiosk when the doctor has no camera, and says so', async () => {
    vi.stubGlobal('navigator', { mediaDevices: { getUserMedia: () => Promise.reject(new Error('no camera')) } });
    const p = platform();
    const seen = events();
    const session = new ConsultationMedia(p.client, seen);
    p.release();
    await session.start();
    expect(seen.onError).toHaveBeenCalledWith('call.localMediaUnavailable');
    expect(p.methods()).not.toContain('produce');
    expect(p.methods()).toContain('resume-consumer');
    expect(seen.onRemoteStream).toHaveBeenLastCalledWith(expect.objectContaining({ tracks: [expect.anything()] }));
    session.close();
  });
});
