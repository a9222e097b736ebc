/**
 * The doctor console (issue 6): sign in, the waiting queue, the consultation, the report.
 *
 * Stable data-testid attributes (the e2e tests rely on them; keep them when restyling):
 * - sign in: `sign-in`, `sign-in-email`, `sign-in-password`, `sign-in-submit`, `sign-in-error`, `sign-out`
 * - queue: `queue-row` (one per patient, with `data-consultation-id`), inside it `queue-waiting`,
 *   `queue-age`, `queue-specialty`, `queue-reason`, `queue-accept`; `queue-empty` when nobody waits
 * - call: `consultation`, `remote-video` (the kiosk), `local-video` (the doctor), `peer-state`, `call-error`
 * - identity: `identity`, `identity-name`, `identity-source` (`data-source` card|manual),
 *   `identity-verify`, `identity-mismatch`, `identity-status`
 * - vitals: `vital-spo2`, `vital-pulse`, `vital-temperature`, `vital-systolic`, `vital-diastolic`
 *   (text is the number, or `--`), `pleth-canvas` (`data-samples` = samples received),
 *   `vitals-oximetry` / `vitals-temperature` / `vitals-blood-pressure` blocks with `unavailable-<kind>`,
 *   `invalid-<kind>`, `failed-<kind>`, `unknown-<kind>` (readings but no device status) marks; `measure-oximetry`, `measure-temperature`,
 *   `measure-blood-pressure` buttons
 * - `notes`, `end-call`
 * - prescription editor: `rx-editor`, `rx-line`, `rx-item-<i>`, `rx-dosage-<i>`, `rx-duration-<i>`,
 *   `rx-notes-<i>`, `rx-add`, `rx-remove-<i>` (i from 0)
 * - report: `report`, `report-measurements`, `report-notes`, `report-rx-number`, `report-pdf`,
 *   `report-print`, `report-back`
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConsultationReport, DoctorInfo, QueueItem } from '../../common/signaling/messages';
import { Reconnector } from '../../common/net/reconnector';
import type { SocketLike } from '../../common/net/socket-connection';
import { SignalRequestError } from '../../common/signaling/signaling-client';
import type { BackoffPolicy } from '../../common/util/backoff';
import { ConsultationView, emptyDraft, type Accepted, type ConsultationDraft } from './ConsultationView';
import { LangContext, MESSAGES, type Lang } from './i18n';
import { doctorClient, loadSession, SESSION_KEY, signalingUrl, type DoctorClient } from './platform-client';
import { QueueView } from './QueueView';
import { ReportView } from './ReportView';
import { SignIn } from './SignIn';

type Screen =
  | { name: 'connecting' }
  | { name: 'sign-in' }
  | { name: 'queue' }
  | { name: 'call'; accepted: Accepted }
  | { name: 'report'; report: ConsultationReport };

/** sessionStorage key of the consultation in call (its id only), for a rejoin after a reload. */
const CALL_KEY = 'doctor-console.call';

/** Reconnecting the signalling socket after it dropped; jitter spreads the doctors after a platform restart. */
const RECONNECT_BACKOFF: BackoffPolicy = { initialMs: 500, maxMs: 10_000, jitter: 0.5 };

export interface AppProps {
  /** Signalling URL; defaults to the platform that served the page. */
  url?: string;
  /** Where the session token lives (sessionStorage: one tab, gone when it closes). */
  storage?: Storage;
  /** Socket factory (tests pass a fake platform); defaults to the browser's WebSocket. */
  createSocket?: (url: string) => SocketLike;
}

export function App({ url = signalingUrl(window.location), storage = window.sessionStorage, createSocket }: AppProps) {
  const [lang, setLang] = useState<Lang>('fr');
  const t = (key: keyof (typeof MESSAGES)['fr']) => MESSAGES[lang][key];
  const [client, setClient] = useState<DoctorClient | null>(null);
  const [screen, setScreen] = useState<Screen>({ name: 'connecting' });
  const [doctor, setDoctor] = useState<DoctorInfo | null>(null);
  const [queue, setQueue] = useState<{ entries: QueueItem[]; doctorsOnline: number }>({
    entries: [],
    doctorsOnline: 0,
  });
  const [now, setNow] = useState(() => Date.now());
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [draft, setDraft] = useState<ConsultationDraft>(emptyDraft);
  const screenRef = useRef(screen);
  screenRef.current = screen;

  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(tick);
  }, []);

  const afterSignIn = useCallback(
    async (c: DoctorClient, session: { token: string; expiresAt: string; doctor: DoctorInfo }) => {
      storage.setItem(SESSION_KEY, JSON.stringify({ token: session.token, expiresAt: session.expiresAt }));
      setDoctor(session.doctor);
      setQueue(await c.request('subscribe-queue', {}));
      const current = screenRef.current;
      // Reconnected (or the page reloaded) mid-call: re-enter the same consultation, new media in the same room.
      const inCall = current.name === 'call' ? current.accepted.consultationId : storage.getItem(CALL_KEY);
      if (inCall) {
        try {
          const accepted = await c.request('rejoin', { consultationId: inCall });
          setScreen({ name: 'call', accepted });
        } catch {
          storage.removeItem(CALL_KEY);
          setScreen({ name: 'queue' });
        }
      } else if (current.name !== 'report') {
        setScreen({ name: 'queue' });
      }
    },
    [storage],
  );

  // One signalling socket at a time; reconnect with backoff and resume the session.
  useEffect(() => {
    const platform = new Reconnector({
      connect: () => doctorClient(url, createSocket),
      onOpen: async (c) => {
        c.on((event) => {
          if (event.type === 'queue-list') setQueue({ entries: event.entries, doctorsOnline: event.doctorsOnline });
          if (event.type === 'session-ended') {
            storage.removeItem(SESSION_KEY);
            setDoctor(null);
            setScreen({ name: 'sign-in' });
          }
        });
        const stored = loadSession(storage, Date.now());
        if (stored) {
          try {
            await afterSignIn(c, await c.request('resume-session', { token: stored.token }));
          } catch {
            storage.removeItem(SESSION_KEY);
            setScreen({ name: 'sign-in' });
          }
        } else if (screenRef.current.name === 'connecting') {
          setScreen({ name: 'sign-in' });
        }
        setClient(c);
      },
      onLost: ({ wasOpen }) => {
        setClient(null);
        if (wasOpen) return;
        if (screenRef.current.name === 'connecting') setScreen({ name: 'sign-in' });
        setError(MESSAGES.fr['signIn.unreachable']);
      },
      backoff: RECONNECT_BACKOFF,
    });
    platform.start();
    return () => platform.stop();
  }, [url, storage, afterSignIn, createSocket]);

  const signIn = async (email: string, password: string) => {
    if (!client) return setError(t('signIn.unreachable'));
    try {
      setError(null);
      await afterSignIn(client, await client.request('sign-in', { email, password }));
    } catch (e) {
      setError(
        e instanceof SignalRequestError && e.code !== 'closed' && e.code !== 'timeout'
          ? t('signIn.failed')
          : t('signIn.unreachable'),
      );
    }
  };

  const signOut = () => {
    void client?.request('sign-out', {}).catch(() => {});
    storage.removeItem(SESSION_KEY);
    storage.removeItem(CALL_KEY);
    setDoctor(null);
    setScreen({ name: 'sign-in' });
  };

  const accept = async (consultationId: string) => {
    if (!client) return;
    setBusy(true);
    setNotice(null);
    try {
      const accepted = await client.request('accept', { consultationId });
      setDraft(emptyDraft());
      storage.setItem(CALL_KEY, consultationId);
      setScreen({ name: 'call', accepted });
    } catch (e) {
      setNotice(
        e instanceof SignalRequestError && e.code === 'conflict'
          ? t('queue.taken')
          : `${t('error.generic')} : ${e instanceof Error ? e.message : String(e)}`,
      );
    } finally {
      setBusy(false);
    }
  };

  const openPdf = async (number: string) => {
    const token = loadSession(storage, Date.now())?.token;
    const res = await fetch(`/api/prescriptions/${encodeURIComponent(number)}.pdf`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    if (!res.ok) return setNotice(`${t('error.generic')} : PDF ${res.status}`);
    window.open(URL.createObjectURL(await res.blob()), '_blank');
  };

  return (
    <LangContext.Provider value={lang}>
      <header className="top">
        <h1>{t('app.title')}</h1>
        <span className="spacer" />
        {doctor && <span data-testid="doctor-name">{doctor.name}</span>}
        <button type="button" className="link" onClick={() => setLang(lang === 'fr' ? 'en' : 'fr')}>
          {lang === 'fr' ? 'English' : 'Français'}
        </button>
        {doctor && (
          <button type="button" data-testid="sign-out" onClick={signOut} disabled={screen.name === 'call'}>
            {t('signOut')}
          </button>
        )}
      </header>
      <main>
        {screen.name === 'connecting' && <p>…</p>}
        {screen.name === 'sign-in' && <SignIn onSignIn={signIn} error={error} />}
        {screen.name === 'queue' && (
          <QueueView
            entries={queue.entries}
            doctorsOnline={queue.doctorsOnline}
            now={now}
            onAccept={(id) => void accept(id)}
            busy={busy || !client}
            notice={notice}
          />
        )}
        {screen.name === 'call' && client && (
          <ConsultationView
            client={client}
            accepted={screen.accepted}
            draft={draft}
            onDraft={setDraft}
            onEnded={(report) => {
              storage.removeItem(CALL_KEY);
              setScreen(report ? { name: 'report', report } : { name: 'queue' });
            }}
          />
        )}
        {screen.name === 'call' && !client && <p className="warn">{t('call.peer.reconnecting')}</p>}
        {screen.name === 'report' && (
          <ReportView
            report={screen.report}
            onOpenPdf={(n) => void openPdf(n)}
            onBack={() => setScreen({ name: 'queue' })}
          />
        )}
      </main>
    </LangContext.Provider>
  );
}
