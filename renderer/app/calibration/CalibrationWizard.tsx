import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalibrationIntention, CalibrationWizardView } from '../../../common/calibration/calibration-wizard';
import type { KioskApi } from '../../../common/ipc/contract';
import { formatNumber } from '../../components/format';
import { errorKey } from './calibration-errors';
import { CalibrationOutcome } from './CalibrationOutcome';
import { LeakStep } from './LeakStep';
import { PointStep } from './PointStep';
import { ReferenceStep } from './ReferenceStep';
import { TechnicianStep } from './TechnicianStep';

/**
 * A device's calibration, step by step, in the staff overlay: whose check it is, the reference,
 * each point, the leak test, the review and the record. Main decides every verdict; this renders
 * its view and sends what the technician typed.
 */
export function CalibrationWizard({
  api,
  deviceId,
  onClose,
}: {
  api: KioskApi;
  deviceId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [view, setView] = useState<CalibrationWizardView | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Changes the technician did not cause: the hold ran out, the device left or came back.
  useEffect(
    () => api.onCalibrationChanged((next) => setView((v) => (v && v.wizardId === next.wizardId ? next : v))),
    [api],
  );
  const answer = useCallback(
    (pending: Promise<CalibrationWizardView>) =>
      pending.then(
        (next) => {
          setError(null);
          setView(next);
        },
        (e: unknown) => setError(t(errorKey(e))),
      ),
    [t],
  );
  const send = (intention: CalibrationIntention) => void answer(api.calibrationSend(intention));
  const abandon = () => void api.calibrationAbandon({}).finally(onClose);

  return (
    <section className="calibration" data-testid="calibration" data-step={view?.step ?? 'technician'}>
      {error && (
        <p className="error" role="alert" data-testid="calibration-error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
      {view === null ? (
        <TechnicianStep api={api} onStart={() => void answer(api.calibrationStart({ deviceId }))} onCancel={onClose} />
      ) : (
        <WizardSteps view={view} api={api} send={send} abandon={abandon} onClose={onClose} />
      )}
    </section>
  );
}

function WizardSteps({
  view,
  api,
  send,
  abandon,
  onClose,
}: {
  view: CalibrationWizardView;
  api: KioskApi;
  send: (intention: CalibrationIntention) => void;
  abandon: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <WizardHeader view={view} />
      <ProblemNotice view={view} send={send} />
      {view.step === 'reference' && (
        <ReferenceStep
          method={view.procedure.method}
          onSubmit={(reference) => send({ type: 'REFERENCE', reference })}
        />
      )}
      {/* Keyed so the fields are emptied once a point or the hold's start is accepted. */}
      {view.step === 'points' && <PointStep key={view.currentSetting} view={view} send={send} />}
      {view.step === 'leak-test' && (
        <LeakStep key={view.leak.startMmHg === null ? 'start' : 'hold'} view={view} send={send} />
      )}
      {(view.step === 'review' || view.step === 'recorded') && (
        <CalibrationOutcome view={view} api={api} onRecord={() => send({ type: 'RECORD' })} />
      )}
      <div className="button-row">
        {view.step === 'recorded' ? (
          <button type="button" onClick={onClose}>
            {t('calibration.done')}
          </button>
        ) : (
          <button type="button" onClick={abandon}>
            {t('calibration.abandon')}
          </button>
        )}
      </div>
    </>
  );
}

/** The device, its serial and the tolerances the check holds it to. */
function WizardHeader({ view }: { view: CalibrationWizardView }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <h2>{t('calibration.title', { model: view.modelName })}</h2>
      <p data-testid="calibration-device">
        {t('calibration.device', { serial: view.serialNumber ?? t('calibration.noSerial'), id: view.deviceId })}
        {view.procedure.quantities.map((q) => (
          <span key={q.quantity}>
            {' · '}
            {t('calibration.tolerance', {
              quantity: t(`calibration.quantity.${q.quantity}`),
              value: formatNumber(q.tolerance, i18n.language, q.decimals),
              unit: q.unit,
            })}
          </span>
        ))}
      </p>
    </>
  );
}

/** What stopped the last step, in plain words, with a retry where one can help. */
function ProblemNotice({
  view,
  send,
}: {
  view: CalibrationWizardView;
  send: (intention: CalibrationIntention) => void;
}) {
  const { t } = useTranslation();
  if (!view.problem) return null;
  return (
    <div className="error calibration-problem" role="alert" data-testid="calibration-problem">
      <p>
        <span aria-hidden="true">⚠ </span>
        {t(`calibration.problem.${view.problem.code}`)}
      </p>
      {(view.problem.code === 'device-unplugged' || view.problem.code === 'no-reading') && (
        <button type="button" className="primary" onClick={() => send({ type: 'RETRY' })}>
          {t('calibration.retry')}
        </button>
      )}
    </div>
  );
}
