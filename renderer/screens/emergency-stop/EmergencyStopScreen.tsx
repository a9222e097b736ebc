import { useTranslation } from 'react-i18next';
import { useFlow } from '../../app/flow-context';
import { ScreenFrame } from '../../components/ScreenFrame';

/** The session stops: call 15 (SAMU) or 112, in big text; the pharmacist is alerted too. */
export function EmergencyStopScreen() {
  const { t } = useTranslation();
  const { send } = useFlow();
  return (
    <ScreenFrame name="emergency-stop" text="emergencyStop" cancel={false}>
      <p className="lead">{t('emergencyStop.body')}</p>
      <p className="emergency-numbers" aria-label={t('emergencyStop.numbers')}>
        <span className="number">15</span>
        <span className="or">{t('emergencyStop.or')}</span>
        <span className="number">112</span>
      </p>
      <p>{t('emergencyStop.pharmacist')}</p>
      <button type="button" onClick={() => send({ type: 'FINISH' })}>
        {t('emergencyStop.done')}
      </button>
    </ScreenFrame>
  );
}
