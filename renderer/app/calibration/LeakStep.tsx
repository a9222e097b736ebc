import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalibrationIntention, CalibrationWizardView } from '../../../common/calibration/calibration-wizard';
import { PRESSURE_FIELD, typedNumber, useTypedFields } from './use-typed-fields';

type Send = (intention: CalibrationIntention) => void;

/** Seconds left until `until` (ISO), kept current once a second; only for display (main times the hold). */
function useSecondsLeft(until: string | null): number {
  const left = () => (until === null ? 0 : Math.max(0, Math.ceil((Date.parse(until) - Date.now()) / 1000)));
  const [seconds, setSeconds] = useState(left);
  useEffect(() => {
    const timer = setInterval(() => setSeconds(left()), 1000);
    return () => clearInterval(timer);
  });
  return seconds;
}

/** The leak test: the line held at the test pressure; the reference read at the start and the end. */
export function LeakStep({ view, send }: { view: CalibrationWizardView; send: Send }) {
  const { t } = useTranslation();
  const leakTest = view.procedure.leakTest ?? { pressureMmHg: 0, holdSeconds: 0, maxDropMmHg: 0 };
  const form = useTypedFields(
    { start: PRESSURE_FIELD, end: PRESSURE_FIELD },
    view.leak.startMmHg === null ? 'start' : 'end',
  );
  const { pressureMmHg, holdSeconds, maxDropMmHg } = leakTest;
  const secondsLeft = useSecondsLeft(view.leak.holdUntil);
  const start = typedNumber(form.values.start);
  const end = typedNumber(form.values.end);
  return (
    <>
      <h3>{t('calibration.leak.title')}</h3>
      <p>{t('calibration.leak.rule', { pressure: pressureMmHg, seconds: holdSeconds, drop: maxDropMmHg })}</p>
      {view.leak.startMmHg === null ? (
        <>
          <p>{t('calibration.leak.howto', { pressure: pressureMmHg })}</p>
          {form.field('start', t('calibration.leak.start'))}
          {form.keyboard}
          <button
            type="button"
            className="primary"
            disabled={start === null}
            onClick={() => send({ type: 'LEAK_START', startMmHg: start ?? 0 })}
          >
            {t('calibration.leak.startTimer')}
          </button>
        </>
      ) : !view.leak.holdOver ? (
        <p className="lead" role="timer" data-testid="calibration-hold">
          {t('calibration.leak.holding', { count: secondsLeft, start: view.leak.startMmHg })}
        </p>
      ) : (
        <>
          <p>{t('calibration.leak.over', { start: view.leak.startMmHg })}</p>
          {form.field('end', t('calibration.leak.end'))}
          {form.keyboard}
          <button
            type="button"
            className="primary"
            disabled={end === null}
            onClick={() => send({ type: 'LEAK_END', endMmHg: end ?? 0 })}
          >
            {t('calibration.leak.finish')}
          </button>
        </>
      )}
    </>
  );
}
