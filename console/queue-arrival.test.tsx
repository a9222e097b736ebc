import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QueueItem } from '../common/signaling/messages';
import type { SocketLike } from '../common/net/socket-connection';
import { FakeSocket } from '../common/net/testing/fake-socket';
import { ARRIVAL_CHIME } from '../web-shared/sound/chime';
import { FakeAudio } from '../web-shared/sound/testing/fake-audio';
import { App } from './App';
import { SESSION_KEY } from './platform-client';
import { ArrivalAlerts, type NotificationsLike } from './queue-arrival';

/** Notifications as the browser gives them: a permission the doctor grants or refuses when asked. */
class FakeNotifications implements NotificationsLike {
  shown: { title: string; body: string; tag: string }[] = [];
  asked = 0;
  constructor(
    private current: NotificationPermission | 'unsupported',
    private readonly answer: NotificationPermission = 'granted',
  ) {}
  permission = () => this.current;
  request = () => {
    this.asked++;
    this.current = this.answer;
    return Promise.resolve(this.answer);
  };
  show = (title: string, o: { body: string; tag: string }) => void this.shown.push({ title, ...o });
}

const doctor = { id: 'd1', name: 'Dr Claire Martin', rpps: '10000000001' };
const session = {
  token: 'a'.repeat(32),
  expiresAt: '2099-01-01T00:00:00.000Z',
  doctor,
  scope: { specialties: ['general-practice'], territories: ['75'] },
  onDuty: true,
};
const patient = (id: string): QueueItem => ({
  consultationId: id,
  kioskId: 'k1',
  ageYears: 41,
  specialty: 'general-practice',
  territory: '75',
  reason: 'Douleur thoracique',
  waitingSince: new Date().toISOString(),
  position: 1,
  kioskConnected: true,
});

let socket: FakeSocket | null = null;
function createSocket(): SocketLike {
  const s = new (class extends FakeSocket {
    override send(data: string) {
      super.send(data);
      const r = JSON.parse(data) as { id: string; type: string };
      const result =
        r.type === 'subscribe-queue' ? { entries: [patient('c1')], doctorsOnDuty: 1, ownCall: null } : session;
      queueMicrotask(() => this.receive({ type: 'response', id: r.id, ok: true, result }));
    }
  })();
  socket = s;
  queueMicrotask(() => s.open());
  return s;
}

beforeEach(() => {
  sessionStorage.clear();
  sessionStorage.setItem(SESSION_KEY, JSON.stringify({ token: session.token, expiresAt: session.expiresAt }));
});
afterEach(cleanup);

async function openQueue(audio: FakeAudio, notifications: FakeNotifications) {
  const alerts = new ArrivalAlerts(() => audio, notifications);
  render(<App url="ws://platform.test/signal" createSocket={createSocket} arrivalAlerts={alerts} />);
  await screen.findByTestId('queue-row');
}
const arrive = (...ids: string[]) =>
  act(() => socket!.receive({ type: 'queue-list', entries: ids.map(patient), doctorsOnDuty: 1 }));

describe('a patient arriving in the queue', () => {
  it('chimes and notifies once the doctor turned them on by a click, without the reason', async () => {
    const audio = new FakeAudio();
    const notifications = new FakeNotifications('default', 'granted');
    await openQueue(audio, notifications);
    // Already waiting when the screen opened: on screen, no chime.
    expect(audio.notes).toEqual([]);
    expect(screen.getByTestId('arrival-alerts').dataset).toMatchObject({ sound: 'blocked', notifications: 'default' });

    await act(async () => fireEvent.click(screen.getByTestId('arrival-enable')));
    expect(notifications.asked).toBe(1);
    expect(screen.getByTestId('arrival-alerts').dataset).toMatchObject({ sound: 'on', notifications: 'granted' });
    expect(screen.queryByTestId('arrival-enable')).toBeNull();

    arrive('c1', 'c2');
    expect(audio.notes.map((n) => n.hz)).toEqual(ARRIVAL_CHIME.notes.map((n) => n.hz));
    expect(notifications.shown).toEqual([
      { title: 'Nouveau patient en attente', body: 'Médecine générale, 41 ans', tag: 'c2' },
    ]);
    expect(screen.getByTestId('arrival-announced').textContent).toContain('1 nouveau(x) patient(s)');

    arrive('c2'); // c1 taken by a colleague: nobody new, no sound
    expect(audio.notes).toHaveLength(2);
  });

  it('says when the browser refuses notifications, and still chimes', async () => {
    const audio = new FakeAudio();
    const notifications = new FakeNotifications('default', 'denied');
    await openQueue(audio, notifications);
    await act(async () => fireEvent.click(screen.getByTestId('arrival-enable')));
    expect(screen.getByTestId('arrival-denied').textContent).toContain('Notifications refusées par le navigateur');
    arrive('c1', 'c3');
    expect(audio.notes).toHaveLength(2);
    expect(notifications.shown).toEqual([]);
  });

  it('says the sound is held back until the click, and that a browser without notifications has only the sound', async () => {
    const audio = new FakeAudio();
    await openQueue(audio, new FakeNotifications('unsupported'));
    expect(screen.getByTestId('arrival-soundBlocked')).toBeTruthy();
    expect(screen.getByTestId('arrival-unsupported')).toBeTruthy();
    arrive('c1', 'c4');
    expect(audio.notes).toEqual([]);
  });
});
