import { useTranslation } from 'react-i18next';
import { IntentButton } from '../../components/IntentButton';
import { ScreenFrame } from '../../components/ScreenFrame';

/** No consent, no call: said plainly, with a way back and a way out. */
export function ConsentRefusedScreen() {
  const { t } = useTranslation();
  return (
    <ScreenFrame name="consent-refused" text="consentRefused" back cancel={false}>
      <p className="lead">{t('consentRefused.body')}</p>
      <IntentButton label={t('consentRefused.leave')} className="primary" intention={{ type: 'CANCEL' }} />
    </ScreenFrame>
  );
}
