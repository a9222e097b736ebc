import { useTranslation } from 'react-i18next';
import { useFlow } from '../../app/flow-context';
import { ScreenFrame } from '../../components/ScreenFrame';

/** No consent, no call: said plainly, with a way back and a way out. */
export function ConsentRefusedScreen() {
  const { t } = useTranslation();
  const { send } = useFlow();
  return (
    <ScreenFrame name="consent-refused" text="consentRefused" back cancel={false}>
      <p className="lead">{t('consentRefused.body')}</p>
      <button type="button" className="primary" onClick={() => send({ type: 'CANCEL' })}>
        {t('consentRefused.leave')}
      </button>
    </ScreenFrame>
  );
}
