import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { err, ok } from '../common/util/result';
import { SESSION_KEY } from './platform-client';
import { shareConsultation } from './share-consultation';
import { ShareForm } from './ShareForm';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

describe('ShareForm', () => {
  it('says shared only once the platform shared it, and shows its reason otherwise', async () => {
    const onShare = vi
      .fn()
      .mockResolvedValueOnce(err('no doctor account has this e-mail address'))
      .mockResolvedValueOnce(ok({ doctorName: 'Dr Paul Bernard' }));
    render(<ShareForm onShare={onShare} />);
    fireEvent.change(screen.getByTestId('share-email'), { target: { value: ' dr.bernad@kiosk.test ' } });
    fireEvent.click(screen.getByTestId('share-submit'));
    expect((await screen.findByTestId('share-outcome')).textContent).toBe(
      'Non partagé : no doctor account has this e-mail address',
    );
    expect(onShare).toHaveBeenLastCalledWith('dr.bernad@kiosk.test');
    fireEvent.change(screen.getByTestId('share-email'), { target: { value: 'dr.bernard@kiosk.test' } });
    fireEvent.click(screen.getByTestId('share-submit'));
    await vi.waitFor(() =>
      expect(screen.getByTestId('share-outcome').textContent).toBe('Partagé avec Dr Paul Bernard'),
    );
  });
});

describe('shareConsultation', () => {
  it('posts the e-mail with the session token and gives the colleague, or the platform’s reason', async () => {
    sessionStorage.setItem(SESSION_KEY, JSON.stringify({ token: 't'.repeat(32), expiresAt: '2099-01-01T00:00:00Z' }));
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(new Response(JSON.stringify({ doctor: { id: 'd2', name: 'Dr B' } }), { status: 201 }))
      .mockResolvedValueOnce(
        new Response(JSON.stringify({ error: 'not-a-participant', message: 'only a doctor who took part' }), {
          status: 403,
        }),
      );
    vi.stubGlobal('fetch', fetch);
    expect(await shareConsultation(sessionStorage, 'c-1', 'b@kiosk.test')).toEqual(ok({ doctorName: 'Dr B' }));
    expect(fetch).toHaveBeenCalledWith('/api/consultations/c-1/shares', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${'t'.repeat(32)}` },
      body: JSON.stringify({ email: 'b@kiosk.test' }),
    });
    expect(await shareConsultation(sessionStorage, 'c-1', 'b@kiosk.test')).toEqual(err('only a doctor who took part'));
  });
});
