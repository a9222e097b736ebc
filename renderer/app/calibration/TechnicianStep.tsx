import { useTranslation } from 'react-i18next';
import { useTypedFields } from './use-typed-fields';

/** Who calibrates: the name or badge printed on the certificate and kept in the register. */
export function TechnicianStep({ onStart, onCancel }: { onStart: (technician: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const form = useTypedFields({ technician: { max: 80 } }, 'technician');
  const name = form.values.technician.trim();
  return (
    <>
      <h2>{t('calibration.start.title')}</h2>
      {form.field('technician', t('calibration.start.technician'), t('calibration.start.hint'))}
      {form.keyboard}
      <div className="button-row">
        <button type="button" onClick={onCancel}>
          {t('calibration.cancel')}
        </button>
        <button type="button" className="primary" disabled={name.length < 2} onClick={() => onStart(name)}>
          {t('calibration.start.submit')}
        </button>
      </div>
    </>
  );
}
