import { describe, expect, it } from 'vitest';
import type { AuscultationReport } from '../../common/auscultation/auscultation';
import type { FlowIntention } from '../../common/flow/flow-intention';
import { STETHOSCOPE_CAPTURE } from './stethoscope-input';
import { StethoscopeSender, type StethoscopeLink } from './stethoscope-sender';

const INPUTS = [
  { deviceId: 'default', kind: 'audioinput', label: 'Fake Default Audio Input' },
  { deviceId: 'mic-1', kind: 'audioinput', label: 'Fake Audio Input 1' },
  { deviceId: 'steth', kind: 'audioinput', label: 'Fake Audio Input 2' },
  { deviceId: 'cam', kind: 'videoinput', label: 'fake_device_0' },
] as MediaDeviceInfo[];

function track() {
  const t = { kind: 'audio', readyState: 'live', stopped: false, stop: () => (t.stopped = true) };
  return t;
}

function setup(options: { labels?: string[]; refuse?: boolean; inputs?: MediaDeviceInfo[] } = {}) {
  const intentions: FlowIntention[] = [];
  const reports: AuscultationReport[] = [];
  const opened: MediaStreamConstraints[] = [];
  const tracks: ReturnType<typeof track>[] = [];
  const linkCalls: string[] = [];
  const link = (name: string, failProduce = false): StethoscopeLink => ({
    produceStethoscope: async () => {
      linkCalls.push(`${name}:produce`);
      if (failProduce) throw new Error('limit-reached');
    },
    closeStethoscope: async () => void linkCalls.push(`${name}:close`),
  });
  const sender = new StethoscopeSender({
    inputs: [{ deviceId: 'stethoscope-1', kind: 'stethoscope', labels: options.labels ?? ['Fake Audio Input 2'] }],
    media: {
      enumerateDevices: async () => options.inputs ?? INPUTS,
      getUserMedia: async (constraints) => {
        opened.push(constraints ?? {});
        if (options.refuse) throw new DOMException('busy', 'NotReadableError');
        const t = track();
        tracks.push(t);
        return { getAudioTracks: () => [t] } as unknown as MediaStream;
      },
    },
    flowSend: (i) => intentions.push(i),
    report: async (r) => void reports.push(r),
  });
  return { sender, intentions, reports, opened, tracks, linkCalls, link };
}

describe('the stethoscope during a call', () => {
  it('opens the input its label names, unprocessed, sends it and says so to the patient and the doctor', async () => {
    const s = setup();
    await s.sender.attach(s.link('A'));
    await s.sender.request('mitral');
    expect(s.opened).toEqual([{ audio: { deviceId: { exact: 'steth' }, ...STETHOSCOPE_CAPTURE } }]);
    expect(STETHOSCOPE_CAPTURE).toMatchObject({
      echoCancellation: false,
      noiseSuppression: false,
      autoGainControl: false,
    });
    expect(s.linkCalls).toEqual(['A:produce']);
    expect(s.intentions).toEqual([
      { type: 'DOCTOR_REQUESTED_AUSCULTATION', site: 'mitral' },
      { type: 'AUSCULTATION_STREAMING' },
    ]);
    expect(s.reports).toEqual([{ state: 'listening', site: 'mitral' }]);

    // Another site: the same input goes on, nothing reopened.
    await s.sender.request('aortic');
    expect(s.opened).toHaveLength(1);
    expect(s.reports.at(-1)).toEqual({ state: 'listening', site: 'aortic' });

    await s.sender.endByDoctor();
    expect(s.linkCalls).toEqual(['A:produce', 'A:produce', 'A:close']);
    expect(s.tracks[0]!.stopped).toBe(true);
    expect(s.intentions.at(-1)).toEqual({ type: 'DOCTOR_ENDED_AUSCULTATION' });
    expect(s.reports.at(-1)).toEqual({ state: 'ended', site: 'aortic' });
    expect(s.sender.sending).toBe(false);
  });

  it('waits for the media link, and sends again on the new one after a rejoin', async () => {
    const s = setup();
    await s.sender.request('pulmonary');
    expect(s.linkCalls).toEqual([]);
    expect(s.reports).toEqual([]);
    await s.sender.attach(s.link('A'));
    expect(s.reports).toEqual([{ state: 'listening', site: 'pulmonary' }]);
    await s.sender.attach(null);
    await s.sender.attach(s.link('B'));
    expect(s.linkCalls).toEqual(['A:produce', 'B:produce']);
    expect(s.opened).toHaveLength(1);
  });

  it('says the stethoscope is not found when no input has its label, without opening another one', async () => {
    const s = setup({ labels: ['Thinklabs'] });
    await s.sender.attach(s.link('A'));
    await s.sender.request('tricuspid');
    expect(s.opened).toEqual([]);
    expect(s.intentions.at(-1)).toEqual({ type: 'AUSCULTATION_FAILED', failure: 'stethoscope-not-found' });
    expect(s.reports).toEqual([{ state: 'failed', site: 'tricuspid', failure: 'stethoscope-not-found' }]);
  });

  it('says the stethoscope would not open, or could not be sent', async () => {
    const refused = setup({ refuse: true });
    await refused.sender.attach(refused.link('A'));
    await refused.sender.request('aortic');
    expect(refused.reports).toEqual([{ state: 'failed', site: 'aortic', failure: 'stethoscope-refused' }]);

    const unsent = setup();
    await unsent.sender.attach(unsent.link('A', true));
    await unsent.sender.request('aortic');
    expect(unsent.reports).toEqual([{ state: 'failed', site: 'aortic', failure: 'send-failed' }]);
    expect(unsent.tracks[0]!.stopped).toBe(true);
  });

  it('stops sending when something else replaces the auscultation, telling the doctor but not re-telling the flow', async () => {
    const s = setup();
    await s.sender.attach(s.link('A'));
    await s.sender.request('lung-back-upper-left');
    await s.sender.stop();
    expect(s.linkCalls.at(-1)).toBe('A:close');
    expect(s.reports.at(-1)).toEqual({ state: 'ended', site: 'lung-back-upper-left' });
    expect(s.intentions.map((i) => i.type)).toEqual(['DOCTOR_REQUESTED_AUSCULTATION', 'AUSCULTATION_STREAMING']);
    // Nothing under way: stopping again says nothing.
    await s.sender.stop();
    expect(s.reports).toHaveLength(2);
  });
});
