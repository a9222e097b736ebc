import { describe, expect, it } from 'vitest';
import type { ExamCameraReport } from '../../common/exam-camera/exam-camera';
import type { FlowIntention } from '../../common/flow/flow-intention';
import { EXAM_CAMERA_CAPTURE } from './exam-camera-input';
import { ExamCameraSender, type ExamCameraLink } from './exam-camera-sender';

const INPUTS = [
  { deviceId: 'mic', kind: 'audioinput', label: 'Fake Default Audio Input' },
  { deviceId: 'cabin', kind: 'videoinput', label: 'fake_device_0' },
  { deviceId: 'oto', kind: 'videoinput', label: 'fake_device_2' },
] as MediaDeviceInfo[];

function track() {
  const t = {
    kind: 'video',
    readyState: 'live',
    contentHint: '',
    stopped: false,
    stop: () => (t.stopped = true),
    getSettings: () => ({ width: 1280, height: 720 }),
  };
  return t;
}

function setup(options: { labels?: string[]; failProduce?: boolean } = {}) {
  const intentions: FlowIntention[] = [];
  const reports: ExamCameraReport[] = [];
  const opened: MediaStreamConstraints[] = [];
  const tracks: ReturnType<typeof track>[] = [];
  const linkCalls: string[] = [];
  const link: ExamCameraLink = {
    produceExamCamera: async () => {
      linkCalls.push('produce');
      if (options.failProduce) throw new Error('limit-reached');
    },
    closeExamCamera: async () => void linkCalls.push('close'),
  };
  const sender = new ExamCameraSender({
    inputs: [
      { deviceId: 'stethoscope-1', kind: 'stethoscope', labels: ['Fake Audio Input 2'] },
      { deviceId: 'otoscope-1', kind: 'exam-camera', labels: options.labels ?? ['fake_device_2'] },
    ],
    media: {
      enumerateDevices: async () => INPUTS,
      getUserMedia: async (constraints) => {
        opened.push(constraints ?? {});
        const t = track();
        tracks.push(t);
        return { getVideoTracks: () => [t] } as unknown as MediaStream;
      },
    },
    flowSend: (i) => intentions.push(i),
    report: async (r) => void reports.push(r),
  });
  return { sender, intentions, reports, opened, tracks, linkCalls, link };
}

describe('the examination camera during a call', () => {
  it('opens the video input its label names at its largest size, sends it and tells its size', async () => {
    const s = setup();
    await s.sender.attach(s.link);
    await s.sender.request();
    expect(s.opened).toEqual([{ video: { deviceId: { exact: 'oto' }, ...EXAM_CAMERA_CAPTURE } }]);
    expect(s.tracks[0]?.contentHint).toBe('detail');
    expect(s.linkCalls).toEqual(['produce']);
    expect(s.intentions).toEqual([{ type: 'DOCTOR_REQUESTED_EXAM_CAMERA' }, { type: 'EXAM_CAMERA_STREAMING' }]);
    expect(s.reports).toEqual([{ state: 'streaming', width: 1280, height: 720 }]);
    await s.sender.endByDoctor();
    expect(s.linkCalls).toEqual(['produce', 'close']);
    expect(s.tracks[0]?.stopped).toBe(true);
    expect(s.reports.at(-1)).toEqual({ state: 'ended' });
  });

  it('says the camera is not found when no video input has its label', async () => {
    const s = setup({ labels: ['otoscope'] });
    await s.sender.attach(s.link);
    await s.sender.request();
    expect(s.opened).toEqual([]);
    expect(s.intentions.at(-1)).toEqual({ type: 'EXAM_CAMERA_FAILED', failure: 'camera-not-found' });
    expect(s.reports).toEqual([{ state: 'failed', failure: 'camera-not-found' }]);
  });

  it('says so when the media server refuses it, and lets the camera go', async () => {
    const s = setup({ failProduce: true });
    await s.sender.attach(s.link);
    await s.sender.request();
    expect(s.tracks[0]?.stopped).toBe(true);
    expect(s.reports).toEqual([{ state: 'failed', failure: 'send-failed' }]);
  });

  it('sends it again on the next media link after a rejoin', async () => {
    const s = setup();
    await s.sender.attach(s.link);
    await s.sender.request();
    await s.sender.attach(null);
    await s.sender.attach(s.link);
    expect(s.linkCalls).toEqual(['produce', 'produce']);
    expect(s.opened).toHaveLength(1);
  });
});
