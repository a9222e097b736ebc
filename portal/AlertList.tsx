import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PortalAlert } from '../common/pharmacy/cabins';

/** Hours and minutes in the portal's language (the counter's local time). */
export function clockTime(iso: string, language: string): string {
  return new Date(iso).toLocaleTimeString(language === 'fr' ? 'fr-FR' : 'en-GB', {
    hour: '2-digit',
    minute: '2-digit',
  });
}

/**
 * The pharmacy's alerts, open ones first with the big "I'm going" button; taken ones say who went.
 * `onShown` runs once they are on screen: only then may the kiosk say the pharmacist was alerted.
 */
export function AlertList({
  alerts,
  onShown,
  onAcknowledge,
}: {
  alerts: readonly PortalAlert[];
  onShown(alertIds: string[]): void;
  onAcknowledge(alertId: string): Promise<boolean>;
}) {
  const { t } = useTranslation();
  const openIds = alerts.filter((a) => a.status === 'open').map((a) => a.alertId);
  const key = openIds.join(',');
  useEffect(() => {
    if (key) onShown(key.split(','));
  }, [key, onShown]);
  return (
    <section className="alerts" aria-labelledby="alerts-title">
      <h2 id="alerts-title">{t('alerts.title')}</h2>
      {alerts.length === 0 && <p data-testid="alerts-none">{t('alerts.none')}</p>}
      <ul aria-live="assertive">
        {alerts.map((alert) => (
          <AlertCard key={alert.alertId} alert={alert} onAcknowledge={onAcknowledge} />
        ))}
      </ul>
    </section>
  );
}

function AlertCard({ alert, onAcknowledge }: { alert: PortalAlert; onAcknowledge(alertId: string): Promise<boolean> }) {
  const { t, i18n } = useTranslation();
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  const open = alert.status === 'open';
  const acknowledge = () => {
    setBusy(true);
    void onAcknowledge(alert.alertId).then((ok) => {
      setFailed(!ok);
      setBusy(false);
    });
  };
  const classes = ['alert', alert.kind, open ? 'open' : 'taken', alert.escalated && open ? 'escalated' : ''];
  return (
    <li
      className={classes.filter(Boolean).join(' ')}
      data-testid="alert"
      data-alert-id={alert.alertId}
      data-kind={alert.kind}
      data-status={alert.status}
      data-escalated={alert.escalated}
    >
      <p className="alert-title">
        <span aria-hidden="true">{alert.kind === 'emergency' ? '🚨 ' : '☎ '}</span>
        <strong>{alert.cabinLabel}</strong> — {t(`alerts.kind.${alert.kind}`)}
      </p>
      <p>{t('alerts.raisedAt', { time: clockTime(alert.raisedAt, i18n.language) })}</p>
      {open && alert.escalated && (
        <p className="escalated-note" data-testid="alert-escalated">
          <span aria-hidden="true">⚠ </span>
          {t('alerts.escalated')}
        </p>
      )}
      {open ? (
        <button type="button" className="primary ack" disabled={busy} data-testid="alert-ack" onClick={acknowledge}>
          {t('alerts.acknowledge')}
        </button>
      ) : (
        <p data-testid="alert-taken">
          <span aria-hidden="true">✔ </span>
          {t('alerts.acknowledgedBy', {
            name: alert.acknowledgedBy ?? '',
            time: alert.acknowledgedAt ? clockTime(alert.acknowledgedAt, i18n.language) : '',
          })}
        </p>
      )}
      {failed && open && (
        <p className="error" role="alert">
          {t('alerts.ackFailed')}
        </p>
      )}
    </li>
  );
}
