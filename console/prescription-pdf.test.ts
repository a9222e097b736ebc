import { afterEach, describe, expect, it, vi } from 'vitest';
import { SESSION_KEY } from './platform-client';
import { fetchPrescriptionPdf } from './prescription-pdf';

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

describe('fetchPrescriptionPdf', () => {
  it('sends the session token and gives the PDF, or the HTTP status as the error', async () => {
    sessionStorage.setItem(SESSION_KEY, JSON.stringify({ token: 't'.repeat(32), expiresAt: '2099-01-01T00:00:00Z' }));
    const fetch = vi.fn(async (url: string) =>
      url.includes('RX-1')
        ? new Response('%PDF-1.7', { status: 200, headers: { 'content-type': 'application/pdf' } })
        : new Response('not found', { status: 404 }),
    );
    vi.stubGlobal('fetch', fetch);
    const found = await fetchPrescriptionPdf(sessionStorage, 'RX-1');
    expect(found.ok && (await found.value.text())).toBe('%PDF-1.7');
    expect(fetch).toHaveBeenCalledWith('/api/prescriptions/RX-1.pdf', {
      headers: { authorization: `Bearer ${'t'.repeat(32)}` },
    });
    expect(await fetchPrescriptionPdf(sessionStorage, 'RX/2')).toEqual({ ok: false, error: 404 });
    expect(fetch).toHaveBeenLastCalledWith('/api/prescriptions/RX%2F2.pdf', expect.anything());
  });
});
