import { useTranslation } from 'react-i18next';
import { ScreenFrame } from '../../components/ScreenFrame';

/** The pharmacist has not confirmed the hygiene checklist yet: the patient is asked to wait. */
export function CabinNotReadyScreen() {
  const { t } = useTranslation();
  return (
    <ScreenFrame name="cabin-not-ready" text="cabin" cancel={false}>
      <p className="lead">
        <span aria-hidden="true">🧽 </span>
        {t('cabin.body')}
      </p>
    </ScreenFrame>
  );
}
