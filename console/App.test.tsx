import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QueueItem } from '../common/signaling/messages';
import type { SocketLike } from '../common/net/socket-connection';
import { FakeSocket } from '../common/net/testing/fake-socket';
import { App } from './App';
import { SESSION_KEY } from './platform-client';
import { CALL_KEY } from './use-doctor-session';

type Request = { type: string; id: string } & Record<string, unknown>;
type Answer = { result: unknown } | { error: { code: string; message: string } };

/** A fake socket that hands each frame the client sends to `onSend`. */
class AnsweringSocket extends FakeSocket {
  constructor(private readonly onSend: (socket: AnsweringSocket, data: string) => void) {
    super();
  }
  override send(data: string) {
    super.send(data);
    this.onSend(this, data);
  }
}

/** A platform behind a fake socket: `answer` decides each response; `push` sends an event. */
class FakePlatform {
  readonly requests: Request[] = [];
  socket: FakeSocket | null = null;
  constructor(private readonly answer: (request: Request) => Answer) {}

  readonly createSocket = (): SocketLike => {
    const socket = new AnsweringSocket((self, data) => {
      const request = JSON.parse(data) as Request;
      this.requests.push(request);
      const answer = this.answer(request);
      queueMicrotask(() => self.receive({ type: 'response', id: request.id, ok: !('error' in answer), ...answer }));
    });
    this.socket = socket;
    queueMicrotask(() => socket.open());
    return socket;
  };

  push(event: object) {
    act(() => this.socket!.receive(event));
  }
}

const doctor = { id: 'd1', name: 'Dr Claire Martin', rpps: '10000000001' };
const scope = { specialties: ['general-practice', 'paediatrics'], territories: ['75', '92'] };
const session = { token: 'a'.repeat(32), expiresAt: '2099-01-01T00:00:00.000Z', doctor, scope, onDuty: false };
const item: QueueItem = {
  consultationId: 'c1',
  kioskId: 'k1',
  ageYears: 41,
  specialty: 'general-practice',
  territory: '75',
  reason: 'Fièvre',
  waitingSince: new Date().toISOString(),
  position: 1,
  kioskConnected: true,
};

function platform(overrides: Record<string, (r: Request) => Answer> = {}) {
  return new FakePlatform((r) => {
    if (overrides[r.type]) return overrides[r.type]!(r);
    if (r.type === 'sign-in' || r.type === 'resume-session') return { result: session };
    if (r.type === 'subscribe-queue') return { result: { entries: [item], doctorsOnDuty: 1, ownCall: null } };
    if (r.type === 'set-on-duty') return { result: { onDuty: r.onDuty } };
    return { result: {} };
  });
}

beforeEach(() => sessionStorage.clear());

/** A console opened with a session still valid in this tab (no sign-in asked). */
function renderSignedIn(p: FakePlatform) {
  sessionStorage.setItem(SESSION_KEY, JSON.stringify({ token: session.token, expiresAt: session.expiresAt }));
  render(<App url="ws://platform.test/signal" createSocket={p.createSocket} />);
}
afterEach(cleanup);

const signIn = (password: string) => {
  fireEvent.change(screen.getByTestId('sign-in-email'), { target: { value: 'dr.martin@kiosk.test' } });
  fireEvent.change(screen.getByTestId('sign-in-password'), { target: { value: password } });
  fireEvent.click(screen.getByTestId('sign-in-submit'));
};

describe('App (doctor console)', () => {
  it('refuses bad credentials, signs in, keeps the token and follows the live queue', async () => {
    const p = platform({
      'sign-in': (r) =>
        r.password === 'good' ? { result: session } : { error: { code: 'unauthorised', message: 'bad credentials' } },
    });
    render(<App url="ws://platform.test/signal" createSocket={p.createSocket} />);
    await screen.findByTestId('sign-in');
    signIn('wrong');
    expect((await screen.findByTestId('sign-in-error')).textContent).toBe('Identifiants refusés.');
    signIn('good');
    expect((await screen.findAllByTestId('queue-row')).length).toBe(1);
    expect(screen.getByTestId('doctor-name').textContent).toBe('Dr Claire Martin');
    expect(JSON.parse(sessionStorage.getItem(SESSION_KEY)!)).toMatchObject({ token: session.token });
    p.push({ type: 'queue-list', entries: [], doctorsOnDuty: 2 });
    expect(screen.getByTestId('queue-empty')).toBeTruthy();
  });

  it('resumes a stored session without asking again, says when a patient was taken, and signs out', async () => {
    const p = platform({ accept: () => ({ error: { code: 'conflict', message: 'taken' } }) });
    renderSignedIn(p);
    fireEvent.click((await screen.findAllByTestId('queue-accept'))[0]!);
    expect((await screen.findByRole('alert')).textContent).toContain('déjà été pris par un confrère');
    expect(p.requests.map((r) => r.type)).toEqual(['resume-session', 'subscribe-queue', 'accept']);
    fireEvent.click(screen.getByTestId('sign-out'));
    expect(screen.getByTestId('sign-in')).toBeTruthy();
    expect(sessionStorage.getItem(SESSION_KEY)).toBeNull();
    expect(p.requests.at(-1)?.type).toBe('sign-out');
  });

  it('says when the doctor already has a call under way, and takes back the call the platform says is theirs', async () => {
    renderSignedIn(platform({ accept: () => ({ error: { code: 'busy', message: 'in call' } }) }));
    fireEvent.click((await screen.findAllByTestId('queue-accept'))[0]!);
    expect((await screen.findByRole('alert')).textContent).toContain('déjà une consultation en cours');
    cleanup();

    // A console opened while the doctor's call is in its grace period; this tab remembers only a call long over.
    sessionStorage.setItem(CALL_KEY, 'c-old');
    const p = platform({
      'subscribe-queue': () => ({ result: { entries: [], doctorsOnDuty: 1, ownCall: 'c9' } }),
      rejoin: () => ({ error: { code: 'internal', message: 'stop here' } }),
    });
    renderSignedIn(p);
    await screen.findByTestId('queue-empty');
    expect(p.requests.find((r) => r.type === 'rejoin')).toMatchObject({ consultationId: 'c9' });
  });

  it('goes back to sign in when the platform ends the session, and switches to English', async () => {
    const p = platform();
    renderSignedIn(p);
    await screen.findAllByTestId('queue-row');
    fireEvent.click(screen.getByText('English'));
    expect(screen.getByText('Patients you can take', { exact: false })).toBeTruthy();
    p.push({ type: 'session-ended', reason: 'expired' });
    expect(screen.getByTestId('sign-in-submit').textContent).toBe('Sign in');
    expect(sessionStorage.getItem(SESSION_KEY)).toBeNull();
  });

  it('shows the doctor’s scope and duty, and goes on and off duty as the platform answers', async () => {
    const p = platform();
    renderSignedIn(p);
    await screen.findAllByTestId('queue-row');
    expect(screen.getByTestId('doctor-scope').textContent).toBe(
      'Vos patients : Médecine générale, Pédiatrie — département(s) 75, 92',
    );
    const toggle = screen.getByTestId('duty-toggle');
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    expect(screen.getByTestId('duty-status').textContent).toContain('hors service');

    fireEvent.click(toggle);
    await act(async () => {});
    expect(p.requests.at(-1)).toMatchObject({ type: 'set-on-duty', onDuty: true });
    expect(screen.getByTestId('duty-toggle').getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByTestId('duty-status').textContent).toContain('Vous êtes en service');

    fireEvent.click(screen.getByTestId('duty-toggle'));
    await act(async () => {});
    expect(p.requests.at(-1)).toMatchObject({ type: 'set-on-duty', onDuty: false });
    expect(screen.getByTestId('duty-toggle').getAttribute('aria-pressed')).toBe('false');
  });

  it('keeps the duty as it was when the platform refuses the change, and says so', async () => {
    renderSignedIn(platform({ 'set-on-duty': () => ({ error: { code: 'unauthorised', message: 'expired' } }) }));
    await screen.findAllByTestId('queue-row');
    fireEvent.click(screen.getByTestId('duty-toggle'));
    expect((await screen.findByRole('alert')).textContent).toContain("n'a pas été pris en compte");
    expect(screen.getByTestId('duty-toggle').getAttribute('aria-pressed')).toBe('false');
  });

  it('finds the duty the session kept after a reload, and tells a doctor without a scope why the list is empty', async () => {
    renderSignedIn(
      platform({
        'resume-session': () => ({ result: { ...session, scope: null, onDuty: true } }),
        'subscribe-queue': () => ({ result: { entries: [], doctorsOnDuty: 1, ownCall: null } }),
      }),
    );
    await screen.findByTestId('queue-empty');
    expect(screen.getByTestId('duty-toggle').getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByTestId('doctor-scope').textContent).toContain("Votre compte n'a ni spécialité ni département");
  });

  it('says plainly when the patient asked for is outside the doctor’s specialties or territories', async () => {
    renderSignedIn(platform({ accept: () => ({ error: { code: 'forbidden', message: 'outside your scope' } }) }));
    fireEvent.click((await screen.findAllByTestId('queue-accept'))[0]!);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Ce patient ne relève pas de vos spécialités ou de vos départements.',
    );
  });
});
