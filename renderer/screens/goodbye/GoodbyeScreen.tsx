import { useTranslation } from 'react-i18next';
import { IntentButton } from '../../components/IntentButton';
import { ScreenFrame } from '../../components/ScreenFrame';

/** Thanks; the session is already wiped. Welcome comes back by itself. */
export function GoodbyeScreen() {
  const { t } = useTranslation();
  return (
    <ScreenFrame name="goodbye" text="goodbye" cancel={false}>
      <p className="lead">{t('goodbye.body')}</p>
      <IntentButton label={t('goodbye.done')} className="primary" intention={{ type: 'FINISH' }} />
    </ScreenFrame>
  );
}
