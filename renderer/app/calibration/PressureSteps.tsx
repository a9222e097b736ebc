import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalibrationIntention, CalibrationWizardView } from '../../../common/calibration/calibration-wizard';
import { PointsTable } from './CalibrationOutcome';
import { typedNumber, useTypedFields } from './use-typed-fields';

type Send = (intention: CalibrationIntention) => void;
const PRESSURE = { max: 3, digits: true } as const;

/**
 * One static point: the technician pumps the line to the point, reads the reference manometer and
 * the cuff's display (its check mode: the USB link cannot give the cuff's pressure) and types both.
 */
export function PointStep({ view, send }: { view: CalibrationWizardView; send: Send }) {
  const { t } = useTranslation();
  const form = useTypedFields({ reference: PRESSURE, device: PRESSURE }, 'reference');
  const point = view.currentPointMmHg ?? 0;
  const reference = typedNumber(form.values.reference);
  const device = typedNumber(form.values.device);
  return (
    <>
      <h3 data-testid="calibration-point">
        {t('calibration.point.title', {
          index: view.points.length + 1,
          count: view.procedure.pointsMmHg.length,
          value: point,
        })}
      </h3>
      <p>{t('calibration.point.howto', { value: point })}</p>
      {form.field('reference', t('calibration.point.reference'))}
      {form.field('device', t('calibration.point.device'), t('calibration.point.deviceHint'))}
      {form.keyboard}
      <button
        type="button"
        className="primary"
        disabled={reference === null || device === null}
        onClick={() => send({ type: 'POINT', referenceMmHg: reference ?? 0, deviceMmHg: device ?? 0 })}
      >
        {t('calibration.point.submit')}
      </button>
      {view.points.length > 0 && <PointsTable points={view.points} leak={null} />}
    </>
  );
}

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
  const form = useTypedFields({ start: PRESSURE, end: PRESSURE }, view.leak.startMmHg === null ? 'start' : 'end');
  const { pressureMmHg, holdSeconds, maxDropMmHg } = view.procedure.leakTest;
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
