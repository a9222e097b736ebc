import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PLATFORM_API } from '../common/signaling/fleet';
import { FakeSocket } from '../common/net/testing/fake-socket';
import { App } from './App';
import { SESSION_KEY } from './platform-client';
import { readSignInStart, type SignInStartDeps } from './pro-sante-connect';

const session = {
  token: 't'.repeat(32),
  expiresAt: '2099-01-01T00:00:00.000Z',
  doctor: { id: 'd1', name: 'Dr Claire Martin', rpps: '10000000001' },
};
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** The platform's two answers the console asks for before its first screen. */
function deps(search: string, answers: { session?: Response; methods?: Response | Error }) {
  const replaceUrl = vi.fn<(path: string) => void>();
  const fetch = vi.fn((input: string | URL | Request, _init?: RequestInit) => {
    const path = String(input);
    if (path === PLATFORM_API.pscSession) return Promise.resolve(answers.session ?? json(401, {}));
    const methods = answers.methods ?? json(200, { password: false, proSanteConnect: true });
    return methods instanceof Error ? Promise.reject(methods) : Promise.resolve(methods);
  });
  const d: SignInStartDeps = {
    location: { search, pathname: '/console/' },
    storage: sessionStorage,
    replaceUrl,
    fetch,
  };
  return { d, replaceUrl, fetch };
}

beforeEach(() => sessionStorage.clear());
afterEach(cleanup);

describe('readSignInStart', () => {
  it('collects the session Pro Santé Connect opened, once, and clears the address bar', async () => {
    const { d, replaceUrl, fetch } = deps('?psc=signed-in', { session: json(200, session) });
    expect(await readSignInStart(d)).toEqual({ methods: { password: false, proSanteConnect: true }, notice: null });
    expect(JSON.parse(sessionStorage.getItem(SESSION_KEY)!)).toEqual({
      token: session.token,
      expiresAt: session.expiresAt,
    });
    expect(replaceUrl).toHaveBeenCalledWith('/console/');
    expect(fetch.mock.calls[0]![0]).toBe(PLATFORM_API.pscSession);
    expect(fetch.mock.calls[0]![1]).toMatchObject({ method: 'POST', credentials: 'same-origin' });
  });

  it('says the sign-in expired when there is no session to collect, and names a refusal', async () => {
    const expired = deps('?psc=signed-in', { session: json(401, { error: 'state-mismatch' }) });
    expect((await readSignInStart(expired.d)).notice).toBe('psc.state-mismatch');
    expect(sessionStorage.getItem(SESSION_KEY)).toBeNull();

    const unknown = deps('?psc=unknown-rpps', {});
    expect((await readSignInStart(unknown.d)).notice).toBe('psc.unknown-rpps');
    expect(unknown.fetch.mock.calls.map((c) => String(c[0]))).toEqual([PLATFORM_API.doctorSignInMethods]);
    // A value that is no refusal of ours is still a refusal, never a sign-in.
    expect((await readSignInStart(deps('?psc=<script>', {}).d)).notice).toBe('psc.provider-refused');
  });

  it('offers both sign-ins when the platform does not say which it has, and leaves the address bar alone', async () => {
    const { d, replaceUrl } = deps('', { methods: new TypeError('Failed to fetch') });
    expect(await readSignInStart(d)).toEqual({ methods: { password: true, proSanteConnect: true }, notice: null });
    expect(replaceUrl).not.toHaveBeenCalled();
  });
});

describe('the sign-in screen', () => {
  const renderWith = (signInStart: Parameters<typeof App>[0]['signInStart']) => {
    const socket = new FakeSocket();
    queueMicrotask(() => socket.open());
    render(<App url="ws://platform.test/signal" createSocket={() => socket} signInStart={signInStart} />);
  };

  it('offers only Pro Santé Connect in production, and says why the last sign-in was refused', async () => {
    renderWith({ methods: { password: false, proSanteConnect: true }, notice: 'psc.unknown-rpps' });
    const button = await screen.findByTestId('sign-in-psc');
    expect(button.getAttribute('href')).toBe(PLATFORM_API.pscStart);
    expect(button.textContent).toBe('Se connecter avec Pro Santé ConnectCarte CPS ou application e-CPS');
    expect(screen.queryByTestId('sign-in-password')).toBeNull();
    expect(screen.getByTestId('sign-in-error').textContent).toBe(
      'Aucun compte médecin de cette plateforme ne porte votre numéro RPPS. Demandez à l’exploitant de créer votre compte.',
    );
  });

  it('keeps the password form of development, marked as such, beside Pro Santé Connect', async () => {
    renderWith({ methods: { password: true, proSanteConnect: true }, notice: null });
    expect(await screen.findByTestId('sign-in-psc')).toBeTruthy();
    expect(screen.getByTestId('sign-in-password')).toBeTruthy();
    expect(screen.getByTestId('sign-in-form').textContent).toContain('Plateforme de développement');
    expect(screen.queryByTestId('sign-in-error')).toBeNull();
  });
});
