import { useTranslation } from 'react-i18next';
import { IntentButton } from '../../components/IntentButton';
import { ScreenFrame } from '../../components/ScreenFrame';

/** Signs that need the emergency services, not a teleconsultation (PRODUCT.md patient step 2). */
export const EMERGENCY_SIGNS = ['chest-pain', 'breathing', 'stroke', 'bleeding', 'unconscious', 'suicidal'] as const;

export function EmergencyScreen() {
  const { t } = useTranslation();
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
        <IntentButton
          icon="🚨"
          label={t('emergency.present')}
          className="danger huge-ish"
          intention={{ type: 'EMERGENCY_PRESENT' }}
        />
        <IntentButton
          icon="✔"
          label={t('emergency.none')}
          className="primary huge-ish"
          intention={{ type: 'EMERGENCY_NONE' }}
        />
      </div>
    </ScreenFrame>
  );
}
