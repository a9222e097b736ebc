import { describe, expect, it } from 'vitest';
import type { MediaInput } from '../../common/devices/media-input';
import { openCabinMedia } from './cabin-media';

/** A browser's inputs, listed as Chromium lists them (a default microphone first), one track per open. */
function fakeBrowser(options: { cameras: string[]; microphones: string[]; defaultCamera?: string }) {
  const infos = [
    ...options.microphones.map((label, i) => ({
      kind: 'audioinput',
      deviceId: i === 0 ? 'default' : `mic-${i}`,
      label,
    })),
    ...options.cameras.map((label, i) => ({ kind: 'videoinput', deviceId: `cam-${i}`, label })),
  ] as MediaDeviceInfo[];
  const stopped: string[] = [];
  const track = (kind: 'audio' | 'video', label: string) =>
    ({ kind, label, stop: () => stopped.push(label) }) as unknown as MediaStreamTrack;
  const stream = (tracks: MediaStreamTrack[]) =>
    ({
      getTracks: () => [...tracks],
      removeTrack: (t: MediaStreamTrack) => tracks.splice(tracks.indexOf(t), 1),
      addTrack: (t: MediaStreamTrack) => tracks.push(t),
    }) as unknown as MediaStream;
  const labelOf = (deviceId: string) => infos.find((i) => i.deviceId === deviceId)!.label;
  const exact = (c: boolean | MediaTrackConstraints | undefined) =>
    typeof c === 'object' ? ((c.deviceId as { exact: string } | undefined)?.exact ?? null) : null;
  return {
    stopped,
    media: {
      enumerateDevices: async () => infos,
      getUserMedia: async (c: MediaStreamConstraints) => {
        const tracks: MediaStreamTrack[] = [];
        if (c.audio) tracks.push(track('audio', labelOf(exact(c.audio) ?? 'default')));
        if (c.video) {
          if (options.cameras.length === 0) throw new DOMException('no camera', 'NotFoundError');
          tracks.push(
            track('video', exact(c.video) ? labelOf(exact(c.video)!) : (options.defaultCamera ?? options.cameras[0]!)),
          );
        }
        return stream(tracks);
      },
    },
  };
}

const labels = (s: MediaStream) => s.getTracks().map((t) => `${t.kind}:${t.label}`);
const OTOSCOPE: MediaInput = { deviceId: 'otoscope-1', kind: 'exam-camera', labels: ['otoscope'] };
const STETHOSCOPE: MediaInput = { deviceId: 'stethoscope-1', kind: 'stethoscope', labels: ['stethoscope'] };

describe('the cabin camera and microphone of the call', () => {
  it('never sends the examination camera or the stethoscope as the patient’s face and voice', async () => {
    // The system's defaults are the examination devices (plugged in last, listed first).
    const browser = fakeBrowser({
      cameras: ['USB Otoscope', 'Cabin HD camera'],
      microphones: ['Default - Stethoscope USB', 'Stethoscope USB', 'Cabin microphone'],
    });
    const { stream, audioOnly } = await openCabinMedia(browser.media, [OTOSCOPE, STETHOSCOPE]);
    expect(audioOnly).toBe(false);
    expect(labels(stream).sort()).toEqual(['audio:Cabin microphone', 'video:Cabin HD camera']);
    expect(browser.stopped.sort()).toEqual(['Default - Stethoscope USB', 'USB Otoscope']);
  });

  it('keeps the defaults when they are the cabin’s own', async () => {
    const browser = fakeBrowser({ cameras: ['Cabin HD camera', 'USB Otoscope'], microphones: ['Cabin microphone'] });
    const { stream } = await openCabinMedia(browser.media, [OTOSCOPE, STETHOSCOPE]);
    expect(labels(stream)).toEqual(['audio:Cabin microphone', 'video:Cabin HD camera']);
    expect(browser.stopped).toEqual([]);
  });

  it('shares the examination camera when it is the only camera, rather than calling without video', async () => {
    const browser = fakeBrowser({ cameras: ['USB Otoscope'], microphones: ['Cabin microphone'] });
    const { stream, audioOnly } = await openCabinMedia(browser.media, [OTOSCOPE]);
    expect(audioOnly).toBe(false);
    expect(labels(stream)).toEqual(['audio:Cabin microphone', 'video:USB Otoscope']);
  });

  it('goes on with the microphone alone when no camera opens', async () => {
    const browser = fakeBrowser({ cameras: [], microphones: ['Cabin microphone'] });
    const { stream, audioOnly } = await openCabinMedia(browser.media, [OTOSCOPE]);
    expect(audioOnly).toBe(true);
    expect(labels(stream)).toEqual(['audio:Cabin microphone']);
  });
});
