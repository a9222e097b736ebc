import { useTranslation } from 'react-i18next';
import { IntentButton } from '../../components/IntentButton';
import { ScreenFrame } from '../../components/ScreenFrame';

/** The session stops: call 15 (SAMU) or 112, in big text; the pharmacist is alerted too. */
export function EmergencyStopScreen() {
  const { t } = useTranslation();
  return (
    <ScreenFrame name="emergency-stop" text="emergencyStop" cancel={false}>
      <p className="lead">{t('emergencyStop.body')}</p>
      <p className="emergency-numbers" aria-label={t('emergencyStop.numbers')}>
        <span className="number">15</span>
        <span className="or">{t('emergencyStop.or')}</span>
        <span className="number">112</span>
      </p>
      <p>{t('emergencyStop.pharmacist')}</p>
      <IntentButton label={t('emergencyStop.done')} intention={{ type: 'FINISH' }} />
    </ScreenFrame>
  );
}
