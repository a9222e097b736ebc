import { useTranslation } from 'react-i18next';
import { useFlow } from './flow-context';

/** "Are you still there?" with the seconds left before the session is wiped. */
export function IdleWarning({ secondsLeft }: { secondsLeft: number | null }) {
  const { t } = useTranslation();
  const { send } = useFlow();
  return (
    <div
      className="overlay"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="idle-heading"
      aria-describedby="idle-body"
      data-testid="idle-warning"
    >
      <div className="overlay-box">
        <h2 id="idle-heading">{t('idle.title')}</h2>
        <p id="idle-body" className="lead">
          {secondsLeft !== null ? t('idle.countdown', { count: secondsLeft }) : t('idle.body')}
        </p>
        <button type="button" className="primary huge-ish" autoFocus onClick={() => send({ type: 'ACTIVITY' })}>
          {t('idle.stillHere')}
        </button>
      </div>
    </div>
  );
}
