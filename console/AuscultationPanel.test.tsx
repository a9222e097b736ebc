import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { decodeWav } from '../common/audio/wav';
import type { DeviceStatus } from '../common/devices/device-status';
import type { DoctorEvent } from '../common/signaling/messages';
import { AuscultationPanel } from './AuscultationPanel';
import type { DoctorClient } from './platform-client';

// Web Audio does not exist in jsdom: the tap is played by the test (e2e/stethoscope runs the real one).
const tap = vi.hoisted(() => ({ onSamples: null as ((s: Float32Array) => void) | null, closed: 0 }));
vi.mock('./stethoscope-tap', () => ({
  openStethoscopeTap: (_track: MediaStreamTrack, onSamples: (s: Float32Array) => void) => {
    tap.onSamples = onSamples;
    return Promise.resolve({ sampleRateHz: 8000, close: () => tap.closed++ });
  },
}));

const STETHOSCOPE: DeviceStatus = {
  deviceId: 'stethoscope-1',
  model: 'usb-audio-stethoscope',
  modelName: 'Stéthoscope connecté USB (classe audio)',
  kind: 'stethoscope',
  state: 'connected',
  reason: null,
  calibration: 'unknown',
  since: '2026-11-22T10:00:00.000Z',
};

function fakeClient() {
  const listeners = new Set<(e: DoctorEvent) => void>();
  const requests: { method: string; params: Record<string, unknown> }[] = [];
  const client = {
    on: (l: (e: DoctorEvent) => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    request: (method: string, params: Record<string, unknown>) => {
      requests.push({ method, params });
      return Promise.resolve({});
    },
  } as unknown as DoctorClient;
  const emit = (e: DoctorEvent) => act(() => listeners.forEach((l) => l(e)));
  return { client, requests, emit };
}

const track = { kind: 'audio', id: 'steth' } as unknown as MediaStreamTrack;
const say = (report: Extract<DoctorEvent, { type: 'auscultation-state' }>['report']) =>
  ({ type: 'auscultation-state', consultationId: 'c1', report }) as DoctorEvent;

beforeEach(() => {
  vi.stubGlobal(
    'MediaStream',
    class {
      constructor(readonly tracks: MediaStreamTrack[]) {}
    },
  );
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
  window.sessionStorage.setItem(
    'doctor-console.session',
    JSON.stringify({ token: 'session-token', expiresAt: '2999-01-01T00:00:00Z' }),
  );
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  tap.onSamples = null;
});

function renderPanel(props: { devices?: DeviceStatus[]; stethoscope?: MediaStreamTrack | null } = {}) {
  const fake = fakeClient();
  const errors: string[] = [];
  const busy: boolean[] = [];
  const view = (stethoscope: MediaStreamTrack | null) => (
    <AuscultationPanel
      client={fake.client}
      consultationId="c1"
      media={{ vitals: { devices: props.devices ?? [STETHOSCOPE] }, stethoscope, setError: (e) => errors.push(e) }}
      onBusy={(b) => busy.push(b)}
    />
  );
  const result = render(view(props.stethoscope ?? null));
  return { ...fake, errors, busy, rerender: (s: MediaStreamTrack | null) => result.rerender(view(s)) };
}

describe('the auscultation panel', () => {
  it('asks the kiosk for the site picked on the body diagram, then to move it, then to end', async () => {
    const { requests, emit } = renderPanel();
    expect(screen.getByTestId<HTMLButtonElement>('ausc-request').disabled).toBe(true);
    fireEvent.click(screen.getByTestId('site-mitral'));
    expect(screen.getByTestId('ausc-site').textContent).toBe('Foyer mitral');
    fireEvent.click(screen.getByTestId('ausc-request'));
    expect(requests).toEqual([{ method: 'request-auscultation', params: { consultationId: 'c1', site: 'mitral' } }]);
    expect(screen.getByTestId('ausc-state').textContent).toContain('la borne guide le patient');
    emit(say({ state: 'listening', site: 'mitral' }));
    expect(screen.getByTestId('ausc-state').textContent).toBe('Foyer mitral — Écoute en cours');
    // The same site again is no request; another one moves the chest piece.
    expect(screen.getByTestId<HTMLButtonElement>('ausc-request').disabled).toBe(true);
    fireEvent.click(screen.getByTestId('site-lung-back-lower-left'));
    expect(screen.getByTestId('ausc-request').textContent).toBe('Déplacer le stéthoscope ici');
    fireEvent.click(screen.getByTestId('ausc-request'));
    fireEvent.click(screen.getByTestId('ausc-end'));
    expect(requests.map((r) => r.method)).toEqual(['request-auscultation', 'request-auscultation', 'end-auscultation']);
  });

  it('places the sites as a doctor facing the patient sees them', () => {
    renderPanel();
    const x = (site: string) => Number(screen.getByTestId(`site-${site}`).querySelector('circle')!.getAttribute('cx'));
    // Front: the patient's left (mitral) on the doctor's right. Back: the patient's left on the left.
    expect(x('mitral')).toBeGreaterThan(100);
    expect(x('aortic')).toBeLessThan(100);
    expect(x('lung-back-upper-left')).toBeLessThan(100);
  });

  it('says why the kiosk could not send the stethoscope', async () => {
    const { emit } = renderPanel();
    emit(say({ state: 'failed', site: 'aortic', failure: 'stethoscope-not-found' }));
    expect(screen.getByTestId('ausc-state').textContent).toContain('La borne ne trouve pas le stéthoscope');
  });

  it('marks an absent or unplugged stethoscope unavailable and asks nothing of it', () => {
    renderPanel({ devices: [{ ...STETHOSCOPE, state: 'disconnected' }] });
    expect(screen.getByTestId('unavailable-stethoscope').textContent).toContain('débranché');
    fireEvent.click(screen.getByTestId('site-aortic'));
    expect(screen.getByTestId<HTMLButtonElement>('ausc-request').disabled).toBe(true);
    cleanup();
    renderPanel({ devices: [] });
    expect(screen.getByTestId('unavailable-stethoscope').textContent).toContain('aucun appareil');
  });

  it('plays the sound apart, draws it, and records 15 s into the record with the site', async () => {
    const posted: { url: string; body: { site: string; recordedAt: string; wavBase64: string } }[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (url, init) => {
      posted.push({ url: String(url), body: JSON.parse(String(init?.body)) });
      return new Response(
        JSON.stringify({
          id: '5b1f6f0e-0d4c-4b59-8f0e-1c2d3e4f5a6b',
          site: 'tricuspid',
          recordedAt: '2026-11-22T10:00:00.000Z',
          durationMs: 15000,
          sampleRateHz: 8000,
        }),
        { status: 201 },
      );
    });
    const { emit, busy } = renderPanel({ stethoscope: track });
    emit(say({ state: 'listening', site: 'tricuspid' }));
    await waitFor(() => expect(tap.onSamples).not.toBeNull());
    expect(screen.getByTestId<HTMLButtonElement>('ausc-record').disabled).toBe(true);
    const block = Float32Array.from({ length: 800 }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 50 * i) / 8000));
    act(() => tap.onSamples!(block));
    expect(screen.getByTestId('pcg-canvas').dataset.samples).toBe('800');
    expect(screen.getByTestId<HTMLAudioElement>('stethoscope-audio').srcObject).toBeTruthy();
    fireEvent.click(screen.getByTestId('ausc-record'));
    for (let i = 0; i < 100; i++) act(() => tap.onSamples!(block));
    expect(screen.getByTestId('ausc-recording').textContent).toContain('10 s / 15 s');
    // Neither the auscultation nor the call ends under a recording.
    expect(screen.getByTestId<HTMLButtonElement>('ausc-end').disabled).toBe(true);
    for (let i = 0; i < 60; i++) act(() => tap.onSamples!(block));
    await screen.findByTestId('ausc-clip');
    expect(posted).toHaveLength(1);
    expect(posted[0]!.url).toBe('/api/consultations/c1/auscultation-clips');
    expect(posted[0]!.body.site).toBe('tricuspid');
    const wav = decodeWav(Uint8Array.from(atob(posted[0]!.body.wavBase64), (c) => c.charCodeAt(0)));
    expect(wav.ok && wav.value.durationMs).toBe(15000);
    expect(busy).toContain(true);
    // The panel tells it is no longer busy from an effect after the clip shows: wait for it.
    await waitFor(() => expect(busy.at(-1)).toBe(false));
  });

  it('keeps a clip the platform refused, with the reason, until the doctor retries', async () => {
    const answers = [
      new Response(JSON.stringify({ error: 'forbidden', message: 'only the doctor in call' }), { status: 403 }),
      new Response(
        JSON.stringify({
          id: '5b1f6f0e-0d4c-4b59-8f0e-1c2d3e4f5a6b',
          site: 'aortic',
          recordedAt: '2026-11-22T10:00:00.000Z',
          durationMs: 15000,
          sampleRateHz: 8000,
        }),
        { status: 201 },
      ),
    ];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => answers.shift()!);
    const { emit } = renderPanel({ stethoscope: track });
    emit(say({ state: 'listening', site: 'aortic' }));
    await waitFor(() => expect(tap.onSamples).not.toBeNull());
    act(() => tap.onSamples!(new Float32Array(800)));
    fireEvent.click(screen.getByTestId('ausc-record'));
    for (let i = 0; i < 150; i++) act(() => tap.onSamples!(new Float32Array(800)));
    expect((await screen.findByTestId('ausc-unsaved')).textContent).toContain('403 only the doctor in call');
    fireEvent.click(screen.getByRole('button', { name: 'Réessayer' }));
    await screen.findByTestId('ausc-clip');
    expect(screen.queryByTestId('ausc-unsaved')).toBeNull();
  });
});
