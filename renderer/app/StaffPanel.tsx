import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskApi } from '../../common/ipc/contract';
import { HYGIENE_CHECKLIST, type HygieneItem, type StaffOverview } from '../../common/staff/staff';
import { StaffDevices } from './StaffDevices';

/**
 * Signed-in staff: answer help, hygiene checklist, devices and today's counters; a technician
 * opens a device's calibration wizard from its line (`onCalibrate`).
 */
export function StaffPanel({
  api,
  onCalibrate = () => {},
}: {
  api: KioskApi;
  onCalibrate?: (deviceId: string) => void;
}) {
  const { t } = useTranslation();
  const [overview, setOverview] = useState<StaffOverview | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(() => {
    api.getStaffOverview({}).then(setOverview, () => setError(t('staff.unavailable')));
  }, [api, t]);
  useEffect(refresh, [refresh]);
  const failed = () => setError(t('staff.unavailable'));

  return (
    <div className="staff-panel" data-testid="staff-panel">
      {error && (
        <p className="error" role="alert">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
      {overview?.technician && (
        <p className="hint" data-testid="technician-signed-in">
          {t('staff.technician.signedInAs', overview.technician)}
        </p>
      )}
      {overview?.platformCredential && (
        <p className="error" role="alert" data-testid="staff-credential">
          <span aria-hidden="true">⚠ </span>
          {t(`staff.credential.${overview.platformCredential}`)} {t('staff.credential.consequence')}
        </p>
      )}
      {overview?.helpRequested && (
        <button type="button" className="primary" onClick={() => void api.answerHelp({}).then(refresh, failed)}>
          {t('staff.answerHelp')}
        </button>
      )}
      {overview?.hygieneDue && (
        <HygieneChecklist onConfirm={(items) => void api.confirmHygiene({ items }).then(refresh, failed)} />
      )}
      {overview && <StaffDevices api={api} overview={overview} onCalibrate={onCalibrate} />}
      {overview && <StaffCounters overview={overview} />}
    </div>
  );
}

/** The cabin's cleaning between patients: every item ticked before it can be confirmed. */
function HygieneChecklist({ onConfirm }: { onConfirm: (items: HygieneItem[]) => void }) {
  const { t } = useTranslation();
  const [items, setItems] = useState<HygieneItem[]>([]);
  const toggle = (item: HygieneItem) =>
    setItems((list) => (list.includes(item) ? list.filter((i) => i !== item) : [...list, item]));
  return (
    <fieldset>
      <legend>{t('staff.hygiene')}</legend>
      {HYGIENE_CHECKLIST.map((item) => (
        <button key={item} type="button" aria-pressed={items.includes(item)} onClick={() => toggle(item)}>
          <span aria-hidden="true">{items.includes(item) ? '☑ ' : '☐ '}</span>
          {t(`staff.items.${item}`)}
        </button>
      ))}
      <button
        type="button"
        className="primary"
        disabled={items.length !== HYGIENE_CHECKLIST.length}
        onClick={() => onConfirm(items)}
      >
        {t('staff.confirmHygiene')}
      </button>
    </fieldset>
  );
}

/** Today's counters, without medical data. */
function StaffCounters({ overview }: { overview: StaffOverview }) {
  const { t } = useTranslation();
  return (
    <>
      <h3>{t('staff.counters')}</h3>
      <dl className="counters" data-testid="staff-counters">
        {Object.entries(overview.counters)
          .filter(([k]) => k !== 'date')
          .map(([k, v]) => (
            <div key={k}>
              <dt>{t(`staff.counter.${k}`, { defaultValue: k })}</dt>
              <dd>{String(v)}</dd>
            </div>
          ))}
      </dl>
    </>
  );
}
