import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { i18n } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SocketLike } from '../common/net/socket-connection';
import { FakeSocket } from '../common/net/testing/fake-socket';
import type { PharmacyBoard, PortalAlert } from '../common/pharmacy/cabins';
import type { PortalCallback } from '../common/pharmacy/callbacks';
import type { AudioLike } from '../web-shared/sound/chime';
import { App } from './App';
import { portalI18n } from './i18n';
import { SESSION_KEY } from './portal-connection';

type Request = { type: string; id: string } & Record<string, unknown>;
type Answer = { result: unknown } | { error: { code: string; message: string } };

class AnsweringSocket extends FakeSocket {
  constructor(private readonly onSend: (socket: AnsweringSocket, data: string) => void) {
    super();
  }
  override send(data: string) {
    super.send(data);
    this.onSend(this, data);
  }
}

const pharmacist = { id: 'p1', name: 'Camille Durand', pharmacy: { id: 'pharmacie-a', name: 'Pharmacie A' } };
const session = { token: 't'.repeat(32), expiresAt: '2099-01-01T00:00:00.000Z', pharmacist };
const HELP: PortalAlert = {
  alertId: 'alert-1',
  kioskId: 'kiosk-1',
  cabinLabel: 'Cabine 1',
  kind: 'help',
  raisedAt: '2026-03-02T09:00:00.000Z',
  status: 'open',
  escalated: false,
  acknowledgedBy: null,
  acknowledgedAt: null,
};
const board = (alerts: PortalAlert[], callbacks: PortalCallback[] = []): PharmacyBoard => ({
  cabins: [
    {
      kioskId: 'kiosk-1',
      label: 'Cabine 1',
      state: alerts.length ? 'help-requested' : 'free',
      lastSeen: HELP.raisedAt,
      screenFailed: false,
      devicesOutOfService: [{ deviceId: 'bp-1', kind: 'blood-pressure', calibration: 'failed' }],
      printer: {
        reachable: true,
        reasons: ['media-empty-report'],
        paper: [{ name: 'main', levelPercent: 0 }],
        supplies: [{ name: 'Black Toner', levelPercent: 75 }],
        lastPrint: { outcome: 'no-paper', at: HELP.raisedAt },
      },
      printFailure: 'no-paper',
      hygiene: { due: false, confirmedAt: HELP.raisedAt, lastSessionEndedAt: null },
    },
    {
      kioskId: 'kiosk-2',
      label: 'Cabine 2',
      state: 'out-of-service',
      lastSeen: null,
      screenFailed: false,
      devicesOutOfService: [],
      printer: null,
      printFailure: null,
      hygiene: null,
    },
  ],
  alerts,
  callbacks,
});
const TICKET_7: PortalCallback = {
  ticket: 7,
  kioskId: 'kiosk-1',
  cabinLabel: 'Cabine 1',
  phone: '06 12 34 56 78',
  status: 'away',
  awaySince: '2026-03-02T09:00:00.000Z',
  heldUntil: null,
};

/** The platform behind fake sockets: answers each request as `answers` says. */
class FakePlatform {
  readonly requests: Request[] = [];
  sockets: FakeSocket[] = [];
  constructor(private readonly answers: Record<string, (r: Request) => Answer>) {}
  readonly createSocket = (): SocketLike => {
    const socket = new AnsweringSocket((self, data) => {
      const request = JSON.parse(data) as Request;
      this.requests.push(request);
      const answer = this.answers[request.type]?.(request) ?? { result: {} };
      queueMicrotask(() => self.receive({ type: 'response', id: request.id, ok: !('error' in answer), ...answer }));
    });
    this.sockets.push(socket);
    queueMicrotask(() => socket.open());
    return socket;
  };
  get live(): FakeSocket {
    return this.sockets.at(-1)!;
  }
  push(event: object) {
    act(() => this.live.receive(event));
  }
  sent(type: string): Request[] {
    return this.requests.filter((r) => r.type === type);
  }
}

const silentAudio = (): AudioLike | null => null;
let i18n: i18n;
let storage: Storage;
beforeEach(async () => {
  i18n = await portalI18n(null);
  storage = window.sessionStorage;
  storage.clear();
});
afterEach(cleanup);

function renderPortal(platform: FakePlatform) {
  return render(
    <I18nextProvider i18n={i18n}>
      <App
        url="ws://platform.test/signal"
        storage={storage}
        preferences={null}
        createSocket={platform.createSocket}
        createAudio={silentAudio}
      />
    </I18nextProvider>,
  );
}

function signedInPlatform(initial: PharmacyBoard) {
  return new FakePlatform({
    'pharmacist-sign-in': (r) =>
      r.password === 'comptoir-test'
        ? { result: session }
        : { error: { code: 'unauthorised', message: 'unknown e-mail or wrong password' } },
    'pharmacist-resume': () => ({ result: session }),
    'subscribe-board': () => ({ result: initial }),
    'acknowledge-alert': () => ({
      result: {
        alert: { ...HELP, status: 'acknowledged', acknowledgedBy: 'Camille Durand', acknowledgedAt: HELP.raisedAt },
      },
    }),
  });
}

async function signIn(password: string) {
  fireEvent.change(await screen.findByTestId('sign-in-email'), { target: { value: 'camille@a.fr' } });
  fireEvent.change(screen.getByTestId('sign-in-password'), { target: { value: password } });
  fireEvent.click(screen.getByTestId('sign-in-submit'));
}

describe('the pharmacist portal', () => {
  it('signs in, says why a sign-in was refused, and shows the cabins by state without any patient data', async () => {
    const platform = signedInPlatform(board([]));
    renderPortal(platform);
    await signIn('wrong-one');
    expect((await screen.findByTestId('sign-in-error')).textContent).toBe(
      'Connexion refusée : unknown e-mail or wrong password',
    );
    await signIn('comptoir-test');
    const cabins = await screen.findAllByTestId('cabin');
    expect(cabins.map((c) => [c.dataset.kioskId, c.dataset.state])).toEqual([
      ['kiosk-1', 'free'],
      ['kiosk-2', 'out-of-service'],
    ]);
    expect(cabins[1]!.textContent).toContain('Hors service');
    expect(cabins[1]!.textContent).toContain('Aucun signal depuis le démarrage');
    // A device its calibration took out of service: which one and why, on the cabin.
    expect(within(cabins[0]!).getByTestId('cabin-device-out').textContent).toBe(
      '⛔ Tensiomètre hors service : étalonnage non conforme',
    );
    expect(within(cabins[1]!).queryByTestId('cabin-device-out')).toBeNull();
    // The print failure with what to do, the printer's consumables, the hygiene checklist.
    const failure = within(cabins[0]!).getByTestId('cabin-print-failure');
    expect(failure.textContent).toContain("Imprimante sans papier : l'ordonnance n'est pas sortie");
    expect(failure.textContent).toContain('Remettez du papier, puis relancez l');
    expect(within(cabins[0]!).getByTestId('cabin-paper').textContent).toBe('⚠ Papier (bac principal) : 0 %');
    expect(within(cabins[0]!).getByTestId('cabin-supply').textContent).toBe('Black Toner : 75 %');
    expect(within(cabins[0]!).getByTestId('cabin-hygiene').textContent).toMatch(
      /Hygiène : check-list faite à \d\d:\d\d/,
    );
    expect(within(cabins[1]!).queryByTestId('cabin-print-failure')).toBeNull();
    expect(within(cabins[1]!).queryByTestId('cabin-hygiene')).toBeNull();
    expect(screen.getByTestId('portal-board').dataset).toMatchObject({ status: 'live', alarm: 'off' });
    expect(screen.getByTestId('alerts-none')).toBeTruthy();
    expect(JSON.parse(storage.getItem(SESSION_KEY)!)).toMatchObject({ token: session.token });
  });

  it('tells the platform an alert is on screen, rings, and acknowledges it with "J\'y vais"', async () => {
    const platform = signedInPlatform(board([]));
    renderPortal(platform);
    await signIn('comptoir-test');
    await screen.findAllByTestId('cabin');
    expect(platform.sent('alerts-received')).toEqual([]);
    platform.push({ type: 'board', board: board([HELP]) });
    const card = await screen.findByTestId('alert');
    expect(card.textContent).toContain('Cabine 1 — Demande d');
    expect(screen.getByTestId('portal-board').dataset.alarm).toBe('chime');
    await expect.poll(() => platform.sent('alerts-received').map((r) => r.alertIds)).toEqual([['alert-1']]);
    // The same alert again is not reported twice on this socket.
    platform.push({ type: 'board', board: board([{ ...HELP, escalated: true }]) });
    expect(screen.getByTestId('alert-escalated').textContent).toContain('relancée plus fort sur tous les postes');
    expect(screen.getByTestId('portal-board').dataset.alarm).toBe('escalated');
    fireEvent.click(screen.getByTestId('alert-ack'));
    await expect.poll(() => platform.sent('acknowledge-alert').map((r) => r.alertId)).toEqual(['alert-1']);
    expect(platform.sent('alerts-received')).toHaveLength(1);
    platform.push({
      type: 'board',
      board: board([
        { ...HELP, status: 'acknowledged', acknowledgedBy: 'Camille Durand', acknowledgedAt: HELP.raisedAt },
      ]),
    });
    expect((await screen.findByTestId('alert-taken')).textContent).toMatch(
      /Pris en charge par Camille Durand à \d\d:\d\d/,
    );
    expect(screen.getByTestId('portal-board').dataset.alarm).toBe('off');
  });

  it("resumes the tab's session, says so when the connection is lost, and signs out when the session ends", async () => {
    storage.setItem(SESSION_KEY, JSON.stringify({ token: session.token, expiresAt: session.expiresAt }));
    const platform = signedInPlatform(board([HELP]));
    renderPortal(platform);
    await screen.findAllByTestId('cabin');
    await expect.poll(() => platform.sent('alerts-received')).toHaveLength(1);
    expect(platform.sent('pharmacist-resume')).toHaveLength(1);
    act(() => platform.live.drop());
    expect((await screen.findByTestId('portal-lost')).textContent).toContain(
      "les alertes n'arrivent plus sur cet écran",
    );
    await expect.poll(() => platform.sent('pharmacist-resume').length, { timeout: 5_000 }).toBe(2);
    await expect.poll(() => screen.getByTestId('portal-board').dataset.status).toBe('live');
    // The alert still on screen is reported on the new socket too, though the board did not change.
    await expect
      .poll(() => platform.sent('alerts-received').map((r) => r.alertIds))
      .toEqual([['alert-1'], ['alert-1']]);
    platform.push({ type: 'session-ended', reason: 'expired' });
    expect(await screen.findByTestId('portal-sign-in')).toBeTruthy();
    expect(storage.getItem(SESSION_KEY)).toBeNull();
  });

  it('says when to call a ticket back, with its phone, chimes, and brings the patient back or cancels', async () => {
    const platform = signedInPlatform(board([], [TICKET_7]));
    renderPortal(platform);
    await signIn('comptoir-test');
    const card = await screen.findByTestId('callback');
    expect(card.textContent).toContain('Ticket 7 : parti, garde sa place');
    expect(screen.getByTestId('callback-phone').textContent).toBe('Téléphone : 06 12 34 56 78 — Cabine 1');
    expect(screen.getByTestId('portal-board').dataset.alarm).toBe('off');
    platform.push({
      type: 'board',
      board: board([], [{ ...TICKET_7, status: 'call-now', heldUntil: '2026-03-02T09:40:00.000Z' }]),
    });
    expect((await screen.findByText('Rappelez le ticket 7 maintenant')).textContent).toBeTruthy();
    expect(screen.getByTestId('callback').textContent).toMatch(/Place gardée jusqu'à \d\d:\d\d, puis libérée/);
    expect(screen.getByTestId('portal-board').dataset.alarm).toBe('chime');
    fireEvent.click(screen.getByTestId('callback-resume'));
    await expect.poll(() => platform.sent('callback-resume').map((r) => r.ticket)).toEqual([7]);
    await expect.poll(() => screen.getByTestId<HTMLButtonElement>('callback-cancel').disabled).toBe(false);
    fireEvent.click(screen.getByTestId('callback-cancel'));
    await expect.poll(() => platform.sent('callback-cancel').map((r) => r.ticket)).toEqual([7]);
    platform.push({
      type: 'board',
      board: board([], [{ ...TICKET_7, status: 'released', heldUntil: TICKET_7.awaySince }]),
    });
    expect((await screen.findByText('Ticket 7 : place libérée')).textContent).toBeTruthy();
    expect(screen.queryByTestId('callback-resume')).toBeNull();
    expect(screen.getByTestId('portal-board').dataset.alarm).toBe('off');
  });

  it('shows a button to turn the sound on while the browser blocks it', async () => {
    const platform = signedInPlatform(board([]));
    renderPortal(platform);
    await signIn('comptoir-test');
    expect((await screen.findByTestId('sound-blocked')).textContent).toContain('touchez ici pour entendre les alertes');
  });

  it('speaks English on demand', async () => {
    const platform = signedInPlatform(board([HELP]));
    renderPortal(platform);
    fireEvent.click(await screen.findByTestId('language'));
    expect((await screen.findByTestId('sign-in-submit')).textContent).toBe('Sign in');
    await signIn('comptoir-test');
    expect((await screen.findByTestId('alert-ack')).textContent).toBe("I'm going");
  });
});
