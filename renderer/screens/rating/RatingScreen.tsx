import { useTranslation } from 'react-i18next';
import { useFlow } from '../../app/flow-context';
import { IntentButton } from '../../components/IntentButton';
import { ScreenFrame } from '../../components/ScreenFrame';

/** 1–5 large stars; skipping is fine. */
export function RatingScreen() {
  const { t } = useTranslation();
  const { send } = useFlow();
  return (
    <ScreenFrame name="rating" text="rating" cancel={false}>
      <div className="stars" role="group" aria-label={t('rating.title')}>
        {[1, 2, 3, 4, 5].map((stars) => (
          <button
            key={stars}
            type="button"
            className="star"
            aria-label={t('rating.stars', { count: stars })}
            onClick={() => send({ type: 'RATE', stars })}
          >
            <span aria-hidden="true">{'★'.repeat(stars)}</span>
          </button>
        ))}
      </div>
      <IntentButton label={t('rating.skip')} intention={{ type: 'FINISH' }} />
    </ScreenFrame>
  );
}
