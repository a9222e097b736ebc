/**
 * The pharmacist's portal, served by the platform at /portal/ for a tablet or phone at the counter:
 * sign in, the pharmacy's cabins live, help and emergency alerts with sound, "I'm going".
 *
 * Stable data-testid attributes (the e2e tests rely on them): `portal-sign-in`, `sign-in-email`,
 * `sign-in-password`, `sign-in-submit`, `sign-in-error`; `portal-board` (`data-status`:
 * connecting|live|lost, `data-alarm`: off|chime|escalated), `portal-lost`, `sound-blocked`,
 * `sound-on`; `alert` (`data-alert-id`, `data-kind`, `data-status` open|acknowledged,
 * `data-escalated`) with `alert-ack`, `alert-escalated`, `alert-taken`; `alerts-none`; `callback`
 * (`data-ticket`, `data-status`) with `callback-phone`, `callback-resume`, `callback-cancel`; `cabin`
 * (`data-kiosk-id`, `data-state`); `sign-out`, `language`; `billing` with `billing-counts`
 * (`data-today`, `data-month`), `billing-month`, `billing-download`, `billing-error`;
 * `appointments` with `appointments-refresh`, `appointments-unreachable`, `appointments-cabin`
 * (`data-kiosk-id`), `appointment` (`data-status`), and the counter's `booking-cabin`,
 * `booking-specialty`, `booking-territory`, `booking-list-slots`, `booking-slot`, `booking-confirm`,
 * `booking-taken`, `booking-no-slots`, `booking-ticket` (`data-token`), `booking-code`, `booking-qr`,
 * `booking-another`, `booking-error`.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SocketLike } from '../common/net/socket-connection';
import type { PharmacistInfo } from '../common/signaling/messages';
import { browserAudio, type AudioLike } from '../web-shared/sound/chime';
import { Alarm, alarmLevel } from './alarm';
import { AppointmentsClient } from './appointments-client';
import { BillingClient } from './billing-client';
import { IdentityClient } from './identity-client';
import { ConsentsClient } from './consents-client';
import { Board } from './Board';
import { switchLanguage } from './i18n';
import { PortalConnection, signalingUrl, type PortalState } from './portal-connection';
import { SignIn } from './SignIn';

export interface AppProps {
  /** Signalling URL; defaults to the platform that served the page. */
  url?: string;
  /** Where the session token lives (sessionStorage: one tab). */
  storage?: Storage;
  /** Where the language choice lives (localStorage: this tablet). */
  preferences?: Storage | null;
  createSocket?: (url: string) => SocketLike;
  createAudio?: () => AudioLike | null;
}

export function App({
  url = signalingUrl(window.location),
  storage = window.sessionStorage,
  preferences = window.localStorage,
  createSocket,
  createAudio = browserAudio,
}: AppProps) {
  const { i18n } = useTranslation();
  const [state, setState] = useState<PortalState | null>(null);
  const connection = useMemo(
    () => new PortalConnection({ url, storage, onChange: setState, ...(createSocket && { createSocket }) }),
    [url, storage, createSocket],
  );
  const clients = useMemo(() => platformClients(connection), [connection]);
  const alarm = useMemo(() => new Alarm(createAudio), [createAudio]);
  const [soundBlocked, setSoundBlocked] = useState(() => alarm.blocked);

  useEffect(() => {
    connection.start();
    return () => connection.stop();
  }, [connection]);

  const level = alarmLevel(state?.board?.alerts ?? [], state?.board?.callbacks ?? []);
  useEffect(() => alarm.set(level), [alarm, level]);
  useEffect(() => () => alarm.stop(), [alarm]);

  // Any touch on the page may be the one the browser waits for before it plays a sound.
  const unlockSound = useCallback(() => void alarm.unlock().then((ok) => setSoundBlocked(!ok)), [alarm]);
  const onShown = useCallback((ids: string[]) => connection.markShown(ids), [connection]);
  const current = state ?? connection.current;
  const signedIn = current.status !== 'signed-out';

  return (
    <div className="portal" onPointerDownCapture={soundBlocked ? unlockSound : undefined}>
      <PortalHeader
        pharmacist={current.pharmacist}
        onLanguage={() => void switchLanguage(i18n, preferences)}
        onSignOut={signedIn ? () => connection.signOut() : null}
      />
      {signedIn ? (
        <Board
          status={current.status}
          board={current.board}
          alarm={level}
          soundBlocked={soundBlocked}
          onUnlockSound={unlockSound}
          onShown={onShown}
          onAcknowledge={(id) => connection.acknowledge(id)}
          onAnswerCallback={(ticket, action) => connection.answerCallback(ticket, action)}
          {...clients}
        />
      ) : (
        <SignIn
          error={current.signInError}
          message={current.signInMessage}
          onSignIn={async (email, password) => {
            unlockSound();
            await connection.signIn(email, password);
          }}
        />
      )}
    </div>
  );
}

/** Who is signed in, for which pharmacy; the language switch and the sign-out. */
function PortalHeader({
  pharmacist,
  onLanguage,
  onSignOut,
}: {
  pharmacist: PharmacistInfo | null;
  onLanguage(): void;
  onSignOut: (() => void) | null;
}) {
  const { t } = useTranslation();
  return (
    <header className="portal-header">
      <h1>
        {t('app.title')}
        {pharmacist && <span className="pharmacy"> — {pharmacist.pharmacy.name}</span>}
      </h1>
      {pharmacist && <span className="who">{pharmacist.name}</span>}
      <button type="button" data-testid="language" onClick={onLanguage}>
        {t('header.otherLanguage')}
      </button>
      {onSignOut && (
        <button type="button" data-testid="sign-out" onClick={onSignOut}>
          {t('header.signOut')}
        </button>
      )}
    </header>
  );
}

/** The panels' requests to the platform, each with the signed-in pharmacist's bearer session. */
function platformClients(connection: PortalConnection) {
  const token = () => connection.sessionToken();
  return {
    billing: new BillingClient(token),
    appointments: new AppointmentsClient(token),
    identities: new IdentityClient(token),
    consents: new ConsentsClient(token),
  };
}
