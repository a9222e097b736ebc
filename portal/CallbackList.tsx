import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PortalCallback } from '../common/pharmacy/callbacks';
import { clockTime } from './AlertList';

/**
 * Patients who left a cabin keeping their place: "call back ticket N" when a doctor is about to be
 * free (the alarm chimes), how long the place is held, and the two answers — the patient is back in
 * the cabin, or their place is cancelled. Released and cancelled tickets stay listed for a while.
 */
export function CallbackList({
  callbacks,
  onAnswer,
}: {
  callbacks: readonly PortalCallback[];
  onAnswer(ticket: number, action: 'resume' | 'cancel'): Promise<boolean>;
}) {
  const { t } = useTranslation();
  if (callbacks.length === 0) return null;
  return (
    <section className="callbacks" aria-labelledby="callbacks-title">
      <h2 id="callbacks-title">{t('callbacks.title')}</h2>
      <ul aria-live="assertive">
        {callbacks.map((callback) => (
          <CallbackCard key={callback.ticket} callback={callback} onAnswer={onAnswer} />
        ))}
      </ul>
    </section>
  );
}

function CallbackCard({
  callback,
  onAnswer,
}: {
  callback: PortalCallback;
  onAnswer(ticket: number, action: 'resume' | 'cancel'): Promise<boolean>;
}) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const answer = (action: 'resume' | 'cancel') => {
    setBusy(true);
    void onAnswer(callback.ticket, action).then((ok) => {
      setFailed(!ok);
      setBusy(false);
    });
  };
  const { status, ticket, phone, cabinLabel } = callback;
  const until = callback.heldUntil ? clockTime(callback.heldUntil, i18n.language) : '';
  const live = status === 'away' || status === 'call-now' || status === 'resuming';
  return (
    <li className={`callback ${status}`} data-testid="callback" data-ticket={ticket} data-status={status}>
      <p className="callback-title">
        <span aria-hidden="true">{status === 'call-now' ? '📞 ' : '🎫 '}</span>
        <strong>{t(`callbacks.status.${status}`, { ticket })}</strong>
      </p>
      <p data-testid="callback-phone">
        {phone ? t('callbacks.phone', { phone }) : t('callbacks.noPhone')} — {cabinLabel}
      </p>
      <p>{t(`callbacks.detail.${status}`, { time: until })}</p>
      {live && (
        <div className="callback-actions">
          {status !== 'resuming' && (
            <button
              type="button"
              className="primary"
              disabled={busy}
              data-testid="callback-resume"
              onClick={() => answer('resume')}
            >
              {t('callbacks.resume', { cabin: cabinLabel })}
            </button>
          )}
          <button type="button" disabled={busy} data-testid="callback-cancel" onClick={() => answer('cancel')}>
            {t('callbacks.cancel')}
          </button>
        </div>
      )}
      {failed && (
        <p className="error" role="alert">
          {t('callbacks.failed')}
        </p>
      )}
    </li>
  );
}
