import { useTranslation } from 'react-i18next';
import { useFlow } from '../../app/flow-context';
import { ScreenFrame } from '../../components/ScreenFrame';

/** Signs that need the emergency services, not a teleconsultation (PRODUCT.md patient step 2). */
export const EMERGENCY_SIGNS = ['chest-pain', 'breathing', 'stroke', 'bleeding', 'unconscious', 'suicidal'] as const;

export function EmergencyScreen() {
  const { t } = useTranslation();
  const { send } = useFlow();
  return (
    <ScreenFrame name="emergency" text="emergency">
      <p className="lead">{t('emergency.question')}</p>
      <ul className="signs">
        {EMERGENCY_SIGNS.map((sign) => (
          <li key={sign}>
            <span aria-hidden="true">⚠ </span>
            {t(`emergency.sign.${sign}`)}
          </li>
        ))}
      </ul>
      <div className="button-row">
        <button type="button" className="danger huge-ish" onClick={() => send({ type: 'EMERGENCY_PRESENT' })}>
          <span aria-hidden="true">🚨 </span>
          {t('emergency.present')}
        </button>
        <button type="button" className="primary huge-ish" onClick={() => send({ type: 'EMERGENCY_NONE' })}>
          <span aria-hidden="true">✔ </span>
          {t('emergency.none')}
        </button>
      </div>
    </ScreenFrame>
  );
}
