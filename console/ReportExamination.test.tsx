import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SESSION_KEY } from './platform-client';
import { ReportExamination } from './ReportExamination';

const STILL = {
  id: '0b0e2f1c-7d0a-4c55-9e0e-2f5d1d8c9a01',
  capturedAt: '2026-11-22T10:05:00.000Z',
  width: 1280,
  height: 720,
  contentType: 'image/png',
};
const CLIP = {
  id: '6f7c1d2e-3a4b-4c5d-8e9f-0a1b2c3d4e5f',
  site: 'mitral',
  recordedAt: '2026-11-22T10:03:00.000Z',
  durationMs: 15_000,
  sampleRateHz: 8000,
};

/** The platform's record routes as the console reaches them, answering `status` for the lists. */
function platform(lists: { stills: unknown[]; clips: unknown[] }, status = 200) {
  const asked: { url: string; authorization: string | undefined }[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    asked.push({ url, authorization: (init.headers as Record<string, string>).authorization });
    if (status !== 200) return new Response('{}', { status });
    if (url.endsWith('/exam-stills')) return Response.json({ stills: lists.stills });
    if (url.endsWith('/auscultation-clips')) return Response.json({ clips: lists.clips });
    return new Response(new Blob([new Uint8Array([1, 2, 3])]), { status: 200 });
  });
  return asked;
}

beforeEach(() => {
  sessionStorage.setItem(SESSION_KEY, JSON.stringify({ token: 't0k', expiresAt: '2999-01-01T00:00:00Z' }));
  URL.createObjectURL = vi.fn(() => 'blob:still');
  URL.revokeObjectURL = vi.fn();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

describe('the examination in the consultation report', () => {
  it('shows the kept stills and lists the clips with their site, read with the doctor’s session', async () => {
    const asked = platform({ stills: [STILL], clips: [CLIP] });
    render(<ReportExamination consultationId="c1" />);
    const still = await screen.findByTestId('report-still');
    expect(still.textContent).toContain('1280×720');
    await waitFor(() => expect(still.querySelector('img')?.getAttribute('src')).toBe('blob:still'));
    expect(screen.getByTestId('report-clip').textContent).toContain('Foyer mitral');
    expect(screen.getByTestId('report-clip').textContent).toContain('15 s');
    fireEvent.click(screen.getByRole('button', { name: '▶ Écouter' }));
    await waitFor(() => expect(screen.getByTestId('report-clip').querySelector('audio')).not.toBeNull());
    expect(asked.map((a) => a.url)).toEqual([
      '/api/consultations/c1/exam-stills',
      '/api/consultations/c1/auscultation-clips',
      `/api/consultations/c1/exam-stills/${STILL.id}`,
      `/api/consultations/c1/auscultation-clips/${CLIP.id}.wav`,
    ]);
    expect(new Set(asked.map((a) => a.authorization))).toEqual(new Set(['Bearer t0k']));
  });

  it('says when nothing was kept, and when the record cannot be read', async () => {
    platform({ stills: [], clips: [] });
    render(<ReportExamination consultationId="c1" />);
    expect((await screen.findByTestId('report-examination')).textContent).toContain(
      'Aucune photo ni aucun enregistrement du stéthoscope.',
    );
    cleanup();
    platform({ stills: [], clips: [] }, 403);
    render(<ReportExamination consultationId="c1" />);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Photos et enregistrements illisibles pour l’instant (HTTP 403)',
    );
  });
});
