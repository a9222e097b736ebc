import { useTranslation } from 'react-i18next';
import type { PharmacyBoard } from '../common/pharmacy/cabins';
import type { AlarmLevel } from './alarm';
import { AlertList } from './AlertList';
import { AppointmentsPanel } from './AppointmentsPanel';
import type { AppointmentsClient } from './appointments-client';
import { BillingPanel } from './BillingPanel';
import type { BillingClient } from './billing-client';
import { CallbackList } from './CallbackList';
import { CabinGrid } from './CabinGrid';
import { IdentityPanel } from './IdentityPanel';
import type { IdentityClient } from './identity-client';
import { ConsentWithdrawalPanel } from './ConsentWithdrawalPanel';
import type { ConsentsClient } from './consents-client';
import type { PortalStatus } from './portal-connection';

/**
 * The signed-in pharmacist's screen: whether alerts reach it (connection, sound), the alerts, the
 * cabins. When the connection is lost it says so above everything: a silent screen must not look
 * like a quiet pharmacy.
 */
export function Board({
  status,
  board,
  alarm,
  soundBlocked,
  onUnlockSound,
  onShown,
  onAcknowledge,
  onAnswerCallback,
  billing,
  appointments,
  identities,
  consents,
}: {
  status: PortalStatus;
  board: PharmacyBoard | null;
  alarm: AlarmLevel;
  soundBlocked: boolean;
  onUnlockSound(): void;
  onShown(alertIds: string[]): void;
  onAcknowledge(alertId: string): Promise<boolean>;
  onAnswerCallback(ticket: number, action: 'resume' | 'cancel'): Promise<boolean>;
  /** The counts and the monthly CSV (absent: no billing panel). */
  billing?: BillingClient;
  /** The cabins' appointments today and the counter's booking (absent: no appointments panel). */
  appointments?: AppointmentsClient;
  /** Today's patients' identities and the document checks (absent: no identity panel). */
  identities?: IdentityClient;
  /** A consent withdrawn at the patient's request (absent: no consents panel). */
  consents?: ConsentsClient;
}) {
  const { t } = useTranslation();
  return (
    <main className="board" data-testid="portal-board" data-status={status} data-alarm={alarm}>
      {status === 'connecting' && (
        <p className="notice" role="status">
          {t('status.connecting')}
        </p>
      )}
      {status === 'lost' && (
        <p className="notice lost" role="alert" data-testid="portal-lost">
          <span aria-hidden="true">⚠ </span>
          {t('status.lost')}
        </p>
      )}
      <SoundStatus blocked={soundBlocked} onUnlock={onUnlockSound} />
      {board && (
        <>
          <AlertList alerts={board.alerts} onShown={onShown} onAcknowledge={onAcknowledge} />
          <CallbackList callbacks={board.callbacks} onAnswer={onAnswerCallback} />
          <CabinGrid cabins={board.cabins} />
          {identities && <IdentityPanel client={identities} />}
          {appointments && <AppointmentsPanel client={appointments} />}
          {billing && <BillingPanel client={billing} />}
          {consents && <ConsentWithdrawalPanel client={consents} />}
        </>
      )}
      <p className="privacy">{t('app.privacy')}</p>
    </main>
  );
}

/** Whether an alert will ring: a blocked sound is a button to unlock it (the browser waits for a touch). */
function SoundStatus({ blocked, onUnlock }: { blocked: boolean; onUnlock(): void }) {
  const { t } = useTranslation();
  return blocked ? (
    <button type="button" className="sound-blocked" data-testid="sound-blocked" onClick={onUnlock}>
      <span aria-hidden="true">🔇 </span>
      {t('sound.blocked')}
    </button>
  ) : (
    <p className="sound-on" data-testid="sound-on">
      <span aria-hidden="true">🔊 </span>
      {t('sound.on')}
    </p>
  );
}
