import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeviceStatus } from '../common/devices/device-status';
import type { DoctorEvent } from '../common/signaling/messages';
import { ExamCameraPanel } from './ExamCameraPanel';
import type { DoctorClient } from './platform-client';

const CAMERA: DeviceStatus = {
  deviceId: 'otoscope-1',
  model: 'uvc-otoscope',
  modelName: 'Otoscope / dermatoscope numérique USB (classe vidéo)',
  kind: 'exam-camera',
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

const track = { kind: 'video', id: 'exam' } as unknown as MediaStreamTrack;
const say = (report: Extract<DoctorEvent, { type: 'exam-camera-state' }>['report']) =>
  ({ type: 'exam-camera-state', consultationId: 'c1', report }) as DoctorEvent;

function renderPanel(devices: DeviceStatus[], examCamera: MediaStreamTrack | null = null) {
  const f = fakeClient();
  const onView = vi.fn();
  const media = { vitals: { devices }, examCamera, setError: vi.fn() };
  const props = { client: f.client, consultationId: 'c1', media, view: 'cabin' as const, onView };
  const view = render(<ExamCameraPanel {...props} />);
  return {
    ...f,
    onView,
    media,
    rerender: (t: MediaStreamTrack | null) =>
      view.rerender(<ExamCameraPanel {...props} media={{ ...media, examCamera: t }} />),
  };
}

beforeEach(() => {
  // jsdom has no ImageCapture nor canvas encoding: a 1280×720 frame, and a PNG of that size.
  vi.stubGlobal(
    'ImageCapture',
    class {
      grabFrame = () => Promise.resolve({ width: 1280, height: 720, close: () => {} });
    },
  );
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  vi.spyOn(HTMLCanvasElement.prototype, 'toBlob').mockImplementation(function (this: HTMLCanvasElement, done) {
    // jsdom's Blob has no arrayBuffer(): the bytes as a browser's Blob gives them.
    const bytes = new TextEncoder().encode(`${this.width}x${this.height}`);
    done({ type: 'image/png', arrayBuffer: () => Promise.resolve(bytes.buffer) } as unknown as Blob);
  });
  window.sessionStorage.setItem(
    'doctor-console.session',
    JSON.stringify({ token: 'session-token', expiresAt: '2999-01-01T00:00:00Z' }),
  );
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('the examination camera at the console', () => {
  it('asks the kiosk for it and says what the kiosk says, with the size it captures', () => {
    const p = renderPanel([CAMERA]);
    fireEvent.click(screen.getByTestId('exam-request'));
    expect(p.requests).toEqual([{ method: 'request-exam-camera', params: { consultationId: 'c1' } }]);
    expect(screen.getByTestId('exam-state').textContent).toContain('la borne guide le patient');
    p.emit(say({ state: 'streaming', width: 1920, height: 1080 }));
    expect(screen.getByTestId('exam-state').textContent).toBe('Caméra d’examen reçue — caméra 1920×1080');
    p.emit(say({ state: 'failed', failure: 'camera-not-found' }));
    expect(screen.getByTestId('exam-state').textContent).toContain('ne trouve pas la caméra');
  });

  it('will not ask for a camera the kiosk reports unplugged', () => {
    renderPanel([{ ...CAMERA, state: 'disconnected', reason: { code: 'usb-absent', detail: 'no USB 0c45:6366' } }]);
    expect(screen.getByTestId('unavailable-exam-camera')).toBeTruthy();
    expect(screen.getByTestId<HTMLButtonElement>('exam-request').disabled).toBe(true);
  });

  it('switches the view and keeps a still at the frame size, listing the size the platform answered', async () => {
    const fetch = vi.fn((_url: string, init: RequestInit) => {
      const body = JSON.parse(init.body as string) as { imageBase64: string; contentType: string };
      expect(atob(body.imageBase64)).toBe('1280x720');
      expect(body.contentType).toBe('image/png');
      const info = {
        id: '5d1c1a9e-2f0b-4c3e-8e1a-0a6f6c2b9d11',
        capturedAt: '2026-11-22T10:00:00.000Z',
        width: 1280,
        height: 720,
        contentType: 'image/png',
      };
      return Promise.resolve(new Response(JSON.stringify(info), { status: 201 }));
    });
    vi.stubGlobal('fetch', fetch);
    const p = renderPanel([CAMERA], track);
    fireEvent.click(screen.getByTestId('view-exam'));
    expect(p.onView).toHaveBeenCalledWith('exam');
    fireEvent.click(screen.getByTestId('exam-capture'));
    const item = await screen.findByTestId('exam-still');
    expect(item.dataset).toMatchObject({ width: '1280', height: '720' });
    expect(fetch.mock.calls[0]![0]).toBe('/api/consultations/c1/exam-stills');
  });

  it('keeps a still the platform refused on screen, with the reason, to retry', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() =>
        Promise.resolve(new Response(JSON.stringify({ message: 'imageBase64: not a PNG image' }), { status: 400 })),
      ),
    );
    renderPanel([CAMERA], track);
    fireEvent.click(screen.getByTestId('exam-capture'));
    await waitFor(() =>
      expect(screen.getByTestId('exam-unsaved').textContent).toContain('400 imageBase64: not a PNG image'),
    );
    expect(screen.queryByTestId('exam-still')).toBeNull();
  });
});
