import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskApi } from '../../../common/ipc/contract';

/**
 * Who calibrates: the signed-in technician's own account, which main writes on the certificate and
 * in the register. Nothing is typed here; the name is shown so the technician sees whose check it is.
 */
export function TechnicianStep({
  api,
  onStart,
  onCancel,
}: {
  api: KioskApi;
  onStart: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api.getStaffOverview({}).then(
      (overview) => live && setName(overview.technician?.name ?? null),
      () => live && setName(null),
    );
    return () => {
      live = false;
    };
  }, [api]);
  return (
    <>
      <h2>{t('calibration.start.title')}</h2>
      {name !== null && (
        <p className="calibration-technician" data-testid="calibration-technician">
          {t('calibration.start.technician', { name })}
        </p>
      )}
      <p>{t('calibration.start.hint')}</p>
      <div className="button-row">
        <button type="button" onClick={onCancel}>
          {t('calibration.cancel')}
        </button>
        <button type="button" className="primary" disabled={name === null} onClick={onStart}>
          {t('calibration.start.submit')}
        </button>
      </div>
    </>
  );
}
