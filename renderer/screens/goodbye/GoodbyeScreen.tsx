import { useTranslation } from 'react-i18next';
import { useFlow } from '../../app/flow-context';
import { ScreenFrame } from '../../components/ScreenFrame';

/** Thanks; the session is already wiped. Welcome comes back by itself. */
export function GoodbyeScreen() {
  const { t } = useTranslation();
  const { send } = useFlow();
  return (
    <ScreenFrame name="goodbye" text="goodbye" cancel={false}>
      <p className="lead">{t('goodbye.body')}</p>
      <button type="button" className="primary" onClick={() => send({ type: 'FINISH' })}>
        {t('goodbye.done')}
      </button>
    </ScreenFrame>
  );
}
