import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConsultationReport, DoctorEvent } from '../common/signaling/messages';
import type { VitalsMessage } from '../common/signaling/vitals';
import { ConsultationView, emptyDraft, type Accepted, type ConsultationDraft } from './ConsultationView';
import type { ConsultationMediaEvents } from './consultation-media';
import type { DoctorClient } from './platform-client';
import { ALL_DEVICES, oximetry } from './vitals-fixtures';

// The media session needs WebRTC (covered by e2e/console); here it only hands over vitals messages.
const media = vi.hoisted(() => ({
  events: null as ConsultationMediaEvents | null,
  handled: [] as string[],
  closed: 0,
}));
vi.mock('./consultation-media', () => ({
  ConsultationMedia: class {
    constructor(_client: unknown, events: ConsultationMediaEvents) {
      media.events = events;
    }
    start = () => Promise.resolve();
    handle = (event: DoctorEvent) => {
      media.handled.push(event.type);
      return Promise.resolve();
    };
    close = () => {
      media.closed++;
    };
  },
}));

// jsdom has no canvas backend: the waveform draws nothing here (PlethCanvas.test.tsx checks the drawing).
beforeEach(() => {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** The platform's preview route as the console calls it: the drafts posted, and a PDF (or a refusal) back. */
function stubPreviewRoute(answer: () => Response = () => new Response('%PDF-1.3', { status: 200 })) {
  const posted: unknown[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    expect(url).toBe('/api/consultations/c1/prescription-preview');
    posted.push(JSON.parse(init.body as string));
    return answer();
  });
  // jsdom has no object URLs; the frame only needs a string.
  URL.createObjectURL = () => 'blob:preview';
  URL.revokeObjectURL = () => {};
  return posted;
}

/** With a prescription written, "end" opens the preview; "sign, send and end" ends the call. */
async function signThroughPreview() {
  fireEvent.click(screen.getByTestId('end-call'));
  const sign = await screen.findByTestId<HTMLButtonElement>('rx-sign');
  await vi.waitFor(() => expect(sign.disabled).toBe(false));
  expect(screen.getByTestId('rx-preview-pdf').getAttribute('src')).toBe('blob:preview');
  fireEvent.click(sign);
}

const accepted: Accepted = {
  consultationId: 'c1',
  kioskId: 'k1',
  queueEntry: { ageYears: 41, specialty: 'general-practice', territory: '75', reason: 'Fièvre et toux' },
  identity: {
    lastName: 'DUPONT',
    firstName: 'Marie',
    birthDate: '1984-06-15',
    nir: '284067512345610',
    source: 'manual',
  },
  devices: ALL_DEVICES,
  measurements: [],
};

function fakeClient(results: Record<string, unknown> = {}) {
  const listeners = new Set<(e: DoctorEvent) => void>();
  const requests: { method: string; params: Record<string, unknown> }[] = [];
  const client = {
    on: (l: (e: DoctorEvent) => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    request: (method: string, params: Record<string, unknown>) => {
      requests.push({ method, params });
      const result = results[method];
      // A function answers each request itself (a refusal, then an answer).
      return typeof result === 'function' ? (result as () => Promise<unknown>)() : Promise.resolve(result ?? {});
    },
  } as unknown as DoctorClient;
  const emit = (e: DoctorEvent) => act(() => listeners.forEach((l) => l(e)));
  return { client, requests, emit };
}

function Harness({ client, onEnded }: { client: DoctorClient; onEnded(r: ConsultationReport | null): void }) {
  const [draft, setDraft] = useState<ConsultationDraft>(emptyDraft);
  return <ConsultationView client={client} accepted={accepted} draft={draft} onDraft={setDraft} onEnded={onEnded} />;
}

const vitals = (m: VitalsMessage) => act(() => media.events!.onVitals(m));

describe('ConsultationView', () => {
  it('shows a typed identity as such and sends the doctor check', async () => {
    const { client, requests } = fakeClient();
    render(<Harness client={client} onEnded={() => {}} />);
    expect(screen.getByTestId('identity-source').textContent).toContain('saisie à la main');
    fireEvent.click(screen.getByTestId('identity-verify'));
    expect((await screen.findByTestId('identity-status')).textContent).toContain('Vérifiée');
    expect(requests).toContainEqual({ method: 'verify-identity', params: { consultationId: 'c1', verified: true } });
  });

  it('asks the kiosk for a measurement and shows the result when it arrives', async () => {
    const { client, requests } = fakeClient();
    render(<Harness client={client} onEnded={() => {}} />);
    fireEvent.click(screen.getByTestId('measure-oximetry'));
    expect(requests).toContainEqual({
      method: 'request-measurement',
      params: { consultationId: 'c1', kind: 'oximetry' },
    });
    expect(screen.getByTestId<HTMLButtonElement>('measure-oximetry').disabled).toBe(true);
    vitals({ type: 'measurement', sentAt: 0, seq: 0, measurement: oximetry({ spo2: 95 }) });
    expect(screen.getByTestId('vital-spo2').textContent).toBe('95');
    expect(screen.getByTestId<HTMLButtonElement>('measure-oximetry').disabled).toBe(false);
    // The reading goes into the note's examination by a click, after what the doctor wrote.
    fireEvent.change(screen.getByTestId('note-examination'), { target: { value: 'Gorge rouge' } });
    fireEvent.click(screen.getByTestId('note-insert-oximetry'));
    expect(screen.getByTestId<HTMLTextAreaElement>('note-examination').value).toMatch(
      /^Gorge rouge\n\d\d:\d\d:\d\d — SpO2 95 % · pouls 72 bpm$/,
    );
  });

  it('applies a result the platform relays over signalling, as when the data channel is not ready', async () => {
    const { client, emit } = fakeClient();
    render(<Harness client={client} onEnded={() => {}} />);
    fireEvent.click(screen.getByTestId('measure-oximetry'));
    emit({
      type: 'kiosk-result',
      consultationId: 'other',
      result: { type: 'measurement', sentAt: 0, seq: 0, measurement: oximetry({ spo2: 91 }) },
    });
    expect(screen.queryByTestId('vital-spo2')?.textContent).not.toBe('91');
    emit({
      type: 'kiosk-result',
      consultationId: 'c1',
      result: { type: 'measurement', sentAt: 0, seq: 0, measurement: oximetry({ spo2: 95 }) },
    });
    expect(screen.getByTestId('vital-spo2').textContent).toBe('95');
    expect(screen.getByTestId<HTMLButtonElement>('measure-oximetry').disabled).toBe(false);
    // The same message from the data channel as well changes nothing.
    vitals({ type: 'measurement', sentAt: 0, seq: 0, measurement: oximetry({ spo2: 95 }) });
    expect(screen.getByTestId('vital-spo2').textContent).toBe('95');
  });

  it('shows the kiosk reconnecting, passes room events to the media, and ignores other consultations', () => {
    const { client, emit } = fakeClient();
    render(<Harness client={client} onEnded={() => {}} />);
    emit({ type: 'peer-state', consultationId: 'other', peer: 'kiosk', state: 'gone' });
    expect(screen.queryByTestId('peer-state')).toBeNull();
    emit({ type: 'peer-state', consultationId: 'c1', peer: 'kiosk', state: 'reconnecting' });
    expect(screen.getByTestId('peer-state').textContent).toBe('La borne se reconnecte…');
    emit({
      type: 'new-producer',
      consultationId: 'c1',
      producer: { producerId: 'p1', kind: 'video', source: 'camera' },
    });
    expect(media.handled).toContain('new-producer');
    emit({ type: 'kiosk-devices', consultationId: 'c1', devices: [] });
    expect(screen.getByTestId('unavailable-oximetry')).toBeTruthy();
  });

  it('ends the call with the notes and the prescription draft and hands over the report', async () => {
    const report = { consultationId: 'c1' } as ConsultationReport;
    const { client, requests } = fakeClient({ 'end-call': { report } });
    const onEnded = vi.fn();
    render(<Harness client={client} onEnded={onEnded} />);
    fireEvent.change(screen.getByTestId('note-examination'), { target: { value: 'RAS' } });
    fireEvent.change(screen.getByTestId('rx-item-0'), { target: { value: 'Paracétamol 1 g' } });
    fireEvent.change(screen.getByTestId('rx-duration-0'), { target: { value: '3 jours' } });
    fireEvent.change(screen.getByTestId('rx-form-0'), { target: { value: 'comprimé' } });
    fireEvent.click(screen.getByTestId('rx-ns-0'));
    const posted = stubPreviewRoute();
    await signThroughPreview();
    await vi.waitFor(() => expect(onEnded).toHaveBeenCalledWith(report));
    const line = { item: 'Paracétamol 1 g', form: 'comprimé', dosage: '', duration: '3 jours', notes: '' };
    const prescription = { lines: [{ ...line, nonSubstitutable: true }] };
    expect(requests.find((r) => r.method === 'end-call')?.params).toEqual({
      consultationId: 'c1',
      notes: '[Examen]\nRAS',
      prescription,
    });
    // What the doctor saw is what was signed.
    expect(posted).toEqual([prescription]);
  });

  it('signs nothing when the preview cannot be had: says why, keeps the draft, and can go back', async () => {
    const { client, requests } = fakeClient();
    render(<Harness client={client} onEnded={vi.fn()} />);
    fireEvent.change(screen.getByTestId('rx-item-0'), { target: { value: 'Paracétamol 1 g' } });
    stubPreviewRoute(() => Response.json({ message: 'only the doctor in call' }, { status: 403 }));
    fireEvent.click(screen.getByTestId('end-call'));
    expect((await screen.findByTestId('rx-preview-failed')).textContent).toContain('403 only the doctor in call');
    expect(screen.getByTestId<HTMLButtonElement>('rx-sign').disabled).toBe(true);
    expect(screen.getByTestId('consultation').hasAttribute('inert')).toBe(true);
    fireEvent.click(screen.getByTestId('rx-preview-back'));
    expect(screen.queryByTestId('rx-preview')).toBeNull();
    expect(screen.getByTestId<HTMLInputElement>('rx-item-0').value).toBe('Paracétamol 1 g');
    expect(requests.some((r) => r.method === 'end-call')).toBe(false);
  });

  it('keeps the notes and the prescription in the editor when the report is not stored, and ends on retry', async () => {
    const report = { consultationId: 'c1' } as ConsultationReport;
    const refusal = Object.assign(new Error('the report could not be stored, so the consultation is not ended'), {
      code: 'internal',
    });
    let failing = true;
    const { client, requests } = fakeClient({
      'end-call': () => (failing ? Promise.reject(refusal) : Promise.resolve({ report })),
    });
    const onEnded = vi.fn();
    render(<Harness client={client} onEnded={onEnded} />);
    fireEvent.change(screen.getByTestId('note-history'), { target: { value: 'Toux sèche depuis 3 jours' } });
    fireEvent.change(screen.getByTestId('rx-item-0'), { target: { value: 'Paracétamol 1 g' } });
    stubPreviewRoute();
    await signThroughPreview();
    expect((await screen.findByTestId('end-failed')).textContent).toContain('notes et l’ordonnance sont conservées');
    expect(screen.getByTestId('call-error').textContent).toContain('the report could not be stored');
    expect(onEnded).not.toHaveBeenCalled();
    expect(screen.getByTestId<HTMLTextAreaElement>('note-history').value).toBe('Toux sèche depuis 3 jours');
    expect(screen.getByTestId<HTMLInputElement>('rx-item-0').value).toBe('Paracétamol 1 g');
    expect(screen.getByTestId<HTMLButtonElement>('end-call').disabled).toBe(false);
    failing = false;
    await signThroughPreview();
    await vi.waitFor(() => expect(onEnded).toHaveBeenCalledWith(report));
    const ends = requests.filter((r) => r.method === 'end-call');
    expect(ends).toHaveLength(2);
    expect(ends[1]!.params).toEqual(ends[0]!.params);
    expect(ends[1]!.params).toMatchObject({ notes: '[Antécédents]\nToux sèche depuis 3 jours' });
  });

  it('leaves the call when the kiosk is gone for good', () => {
    const { client, emit } = fakeClient();
    const onEnded = vi.fn();
    render(<Harness client={client} onEnded={onEnded} />);
    const closedBefore = media.closed;
    emit({ type: 'call-ended', consultationId: 'c1', reason: 'connection-lost', prescription: null });
    expect(onEnded).toHaveBeenCalledWith(null);
    expect(media.closed).toBeGreaterThan(closedBefore);
  });
});
