import { useTranslation } from 'react-i18next';
import { IntentButton } from '../../components/IntentButton';
import { useFlow } from '../../app/flow-context';
import { ScreenFrame } from '../../components/ScreenFrame';

/** Insert the Carte Vitale (animated picture), live reader state, card errors with a way forward. */
export function IdentifyScreen() {
  const { t } = useTranslation();
  const { view } = useFlow();
  const card = view.identification.card;
  const state = card?.state ?? 'empty';
  return (
    <ScreenFrame name="identify" text="identify">
      <CardAnimation reading={state === 'reading'} />
      <p className="lead" role="status" data-testid="card-state">
        {state === 'reading' && <span aria-hidden="true">⏳ </span>}
        {state === 'read' && <span aria-hidden="true">✔ </span>}
        {t(`identify.card.${state}`)}
      </p>
      {state === 'error' && card?.error && (
        <div className="message error" role="alert" data-testid="card-error">
          <p>
            <span aria-hidden="true">⚠ </span>
            {t(`card.error.${card.error}`)}
          </p>
          <IntentButton icon="↻" label={t('identify.retry')} className="primary" intention={{ type: 'RETRY_CARD' }} />
        </div>
      )}
      <IntentButton icon="⌨" label={t('identify.typeDetails')} intention={{ type: 'TYPE_DETAILS' }} />
    </ScreenFrame>
  );
}

function CardAnimation({ reading }: { reading: boolean }) {
  // A green card sliding into a reader slot; the motion stops once the card is being read.
  return (
    <svg
      className={['card-animation', reading ? 'reading' : 'inserting'].join(' ')}
      viewBox="0 0 300 220"
      width="300"
      height="220"
      aria-hidden="true"
    >
      <rect x="40" y="150" width="220" height="50" rx="10" fill="#555" />
      <rect x="70" y="160" width="160" height="10" rx="4" fill="#222" />
      <g className="card">
        <rect x="80" y="10" width="140" height="150" rx="12" fill="#2f8f46" stroke="#114" strokeWidth="3" />
        <rect x="100" y="30" width="40" height="30" rx="4" fill="#e6c34a" />
        <text x="150" y="120" textAnchor="middle" fontSize="20" fill="#fff">
          VITALE
        </text>
      </g>
    </svg>
  );
}
