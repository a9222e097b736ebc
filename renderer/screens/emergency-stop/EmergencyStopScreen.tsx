import { useTranslation } from 'react-i18next';
import { useFlow } from '../../app/flow-context';
import { IntentButton } from '../../components/IntentButton';
import { PharmacistAlertNotice } from '../../components/PharmacistAlertNotice';
import { ScreenFrame } from '../../components/ScreenFrame';

/**
 * The session stops: call 15 (SAMU) or 112, in big text, whatever else happens. The pharmacist is
 * alerted too, and the screen says only what the platform confirmed of it: alerted, coming, or that
 * nobody could be told (then calling 15/112 is all the more the patient's to do).
 */
export function EmergencyStopScreen() {
  const { t } = useTranslation();
  const { view } = useFlow();
  return (
    <ScreenFrame name="emergency-stop" text="emergencyStop" cancel={false}>
      <p className="lead">{t('emergencyStop.body')}</p>
      <p className="emergency-numbers" aria-label={t('emergencyStop.numbers')}>
        <span className="number">15</span>
        <span className="or">{t('emergencyStop.or')}</span>
        <span className="number">112</span>
      </p>
      <PharmacistAlertNotice
        kind="emergency"
        alert={view.pharmacistAlert}
        className="pharmacist-alert"
        testId="emergency-pharmacist"
      />
      <IntentButton label={t('emergencyStop.done')} intention={{ type: 'FINISH' }} />
    </ScreenFrame>
  );
}
