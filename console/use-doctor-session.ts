import { useMemo, useRef, useState } from 'react';
import type {
  ConsultationReport,
  DoctorEvent,
  DoctorInfo,
  DoctorSession,
  QueueItem,
} from '../common/signaling/messages';
import type { SocketLike } from '../common/net/socket-connection';
import type { DoctorScope } from '../common/routing/doctor-scope';
import { SignalRequestError } from '../common/signaling/signaling-client';
import type { Accepted } from './ConsultationView';
import type { MessageKey } from './i18n';
import { prepareDevice } from './consultation-media';
import { loadSession, SESSION_KEY, type DoctorClient } from './platform-client';
import { useReconnectingClient } from './use-reconnecting-client';

export type Screen =
  | { name: 'connecting' }
  | { name: 'sign-in' }
  | { name: 'queue' }
  | { name: 'call'; accepted: Accepted }
  | { name: 'report'; report: ConsultationReport };

/** How long a sign-in waits for the socket to come back (the platform drops idle unauthenticated ones). */
const SIGN_IN_RECONNECT_WAIT_MS = 3_000;

/** sessionStorage key of the consultation in call (its id only), for a rejoin after a reload. */
export const CALL_KEY = 'doctor-console.call';

export interface QueueState {
  entries: QueueItem[];
  doctorsOnDuty: number;
}

/** The patients the signed-in doctor may take, and whether they are on duty (as the platform keeps it). */
export interface Duty {
  scope: DoctorScope | null;
  onDuty: boolean;
}

/** What the session's pieces of state are changed through (outside React's render). */
interface SessionState {
  storage: Storage;
  screen(): Screen;
  setScreen(screen: Screen): void;
  setDoctor(doctor: DoctorInfo | null): void;
  setDuty(duty: Duty): void;
  setQueue(queue: QueueState): void;
}

/** Signed in (or resumed): keep the token, follow the queue, and go back to a call under way. */
async function enter(s: SessionState, c: DoctorClient, session: DoctorSession): Promise<void> {
  s.storage.setItem(SESSION_KEY, JSON.stringify({ token: session.token, expiresAt: session.expiresAt }));
  s.setDoctor(session.doctor);
  s.setDuty({ scope: session.scope, onDuty: session.onDuty });
  const { ownCall, ...queue } = await c.request('subscribe-queue', {});
  s.setQueue(queue);
  // Ready before the first accept; a refusal is retried at the accept (consultation-media.ts).
  prepareDevice(c).catch(() => {});
  const current = s.screen();
  // Reconnected (or the page reloaded, or the console was closed and opened again elsewhere)
  // mid-call: re-enter the same consultation, new media in the same room. The platform's word on
  // the doctor's call comes first: this tab's remembered id may be of a call long over.
  const inCall = current.name === 'call' ? current.accepted.consultationId : (ownCall ?? s.storage.getItem(CALL_KEY));
  if (inCall) {
    try {
      s.setScreen({ name: 'call', accepted: await c.request('rejoin', { consultationId: inCall }) });
    } catch {
      s.storage.removeItem(CALL_KEY);
      s.setScreen({ name: 'queue' });
    }
  } else if (current.name !== 'report') {
    s.setScreen({ name: 'queue' });
  }
}

/** A new socket: resume the stored session, or ask to sign in. */
async function resume(s: SessionState, c: DoctorClient): Promise<void> {
  const stored = loadSession(s.storage, Date.now());
  if (!stored) {
    if (s.screen().name === 'connecting') s.setScreen({ name: 'sign-in' });
    return;
  }
  try {
    await enter(s, c, await c.request('resume-session', { token: stored.token }));
  } catch {
    s.storage.removeItem(SESSION_KEY);
    s.setScreen({ name: 'sign-in' });
  }
}

function onEvent(s: SessionState, event: DoctorEvent): void {
  if (event.type === 'queue-list') s.setQueue({ entries: event.entries, doctorsOnDuty: event.doctorsOnDuty });
  if (event.type === 'session-ended') {
    s.storage.removeItem(SESSION_KEY);
    s.setDoctor(null);
    s.setScreen({ name: 'sign-in' });
  }
}

export interface DoctorSessionOptions {
  url: string;
  storage: Storage;
  /** The sign-in screen's first message (how a Pro Santé Connect sign-in just ended). */
  initialError?: MessageKey | null;
  createSocket?: ((url: string) => SocketLike) | undefined;
}

/** The console's connection and who is signed in on it: the screen to show follows from both. */
export function useDoctorSession({ url, storage, createSocket, initialError = null }: DoctorSessionOptions) {
  const [screen, setScreen] = useState<Screen>({ name: 'connecting' });
  const [doctor, setDoctor] = useState<DoctorInfo | null>(null);
  const [duty, setDuty] = useState<Duty>({ scope: null, onDuty: false });
  const [dutyFailed, setDutyFailed] = useState(false);
  const [queue, setQueue] = useState<QueueState>({ entries: [], doctorsOnDuty: 0 });
  const [error, setError] = useState<MessageKey | null>(initialError);
  const screenRef = useRef(screen);
  screenRef.current = screen;
  const s = useMemo<SessionState>(
    () => ({ storage, screen: () => screenRef.current, setScreen, setDoctor, setDuty, setQueue }),
    [storage],
  );
  const { client, nextClient } = useReconnectingClient({
    url,
    createSocket,
    onOpen: (c) => resume(s, c),
    onEvent: (event) => onEvent(s, event),
    onUnreachable: () => {
      if (screenRef.current.name === 'connecting') setScreen({ name: 'sign-in' });
      setError('signIn.unreachable');
    },
  });

  const signIn = async (email: string, password: string) => {
    const open = await nextClient(SIGN_IN_RECONNECT_WAIT_MS);
    if (!open) return setError('signIn.unreachable');
    try {
      setError(null);
      await enter(s, open, await open.request('sign-in', { email, password }));
    } catch (e) {
      const refused = e instanceof SignalRequestError && e.code !== 'closed' && e.code !== 'timeout';
      setError(refused ? 'signIn.failed' : 'signIn.unreachable');
    }
  };

  /** On or off duty: shown as the platform answers it (a refusal leaves the toggle as it was). */
  const changeDuty = async (onDuty: boolean) => {
    try {
      if (!client) throw new Error('no connection');
      setDutyFailed(false);
      const answer = await client.request('set-on-duty', { onDuty });
      setDuty((current) => ({ ...current, onDuty: answer.onDuty }));
    } catch {
      setDutyFailed(true);
    }
  };

  const signOut = () => {
    void client?.request('sign-out', {}).catch(() => {});
    storage.removeItem(SESSION_KEY);
    storage.removeItem(CALL_KEY);
    setDoctor(null);
    setScreen({ name: 'sign-in' });
  };

  return { client, screen, setScreen, doctor, duty, dutyFailed, changeDuty, queue, error, signIn, signOut };
}
