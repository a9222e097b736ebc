import type { ReactNode } from 'react';
import type { CalibrationState } from '../../common/devices/device-status';
import { UNUSABLE_FLAGS, type Measurement, type QualityFlag } from '../../common/devices/measurement';
import type { LiveReading } from '../../common/devices/live-reading';
import type { MeasurementKind } from '../../common/devices/kinds';
import { formatTime } from './format';
import { useT } from './i18n';
import { PlethCanvas } from './PlethCanvas';
import { deviceFor, isUnavailable, type VitalsState } from './vitals-state';

export interface VitalsPanelProps {
  vitals: VitalsState;
  /** Asks the kiosk for a measurement; absent after the call (read-only panel). */
  onMeasure?(kind: MeasurementKind): void;
  /** Kinds whose request was sent and has no result yet. */
  requested?: ReadonlySet<MeasurementKind>;
}

type Value = {
  text: string;
  at: number | string;
  modelName: string | null;
  calibration: CalibrationState | null;
  valid: boolean;
  live: boolean;
  flags: QualityFlag[];
};

const fmt = (n: number | null | undefined, digits = 0) => (n === null || n === undefined ? '--' : n.toFixed(digits));

/** The newer of the running reading and the recorded measurement, as the value to show. */
function pick<M extends Measurement>(
  live: LiveReading | undefined,
  recorded: M | undefined,
  fromLive: (r: LiveReading) => string | null,
  fromRecorded: (m: M) => string,
): Value | null {
  const liveText = live ? fromLive(live) : null;
  if (live && liveText !== null && (!recorded || live.at > Date.parse(recorded.takenAt))) {
    return {
      text: liveText,
      at: live.at,
      modelName: null,
      calibration: null,
      valid: !live.flags.some((f) => UNUSABLE_FLAGS.has(f)),
      live: true,
      flags: live.flags,
    };
  }
  if (!recorded) return null;
  return {
    text: fromRecorded(recorded),
    at: recorded.takenAt,
    modelName: recorded.modelName,
    calibration: recorded.calibration,
    valid: recorded.valid,
    live: false,
    flags: recorded.flags,
  };
}

/**
 * SpO2, pulse and the pleth waveform, temperature and blood pressure as the kiosk sends them, each
 * with its time, device model and calibration; a device that is missing, not connected or out of
 * calibration is marked unavailable, and an invalid value is marked as such (never shown as a number).
 */
export function VitalsPanel({ vitals, onMeasure, requested = new Set() }: VitalsPanelProps) {
  const t = useT();
  const oxLive = vitals.live.oximetry;
  const ox = vitals.recorded.oximetry?.kind === 'oximetry' ? vitals.recorded.oximetry : undefined;
  const temp = vitals.recorded.temperature?.kind === 'temperature' ? vitals.recorded.temperature : undefined;
  const bp =
    vitals.recorded['blood-pressure']?.kind === 'blood-pressure' ? vitals.recorded['blood-pressure'] : undefined;

  const spo2 = pick(
    oxLive,
    ox,
    (r) => (r.spo2 === undefined ? null : fmt(r.spo2)),
    (m) => fmt(m.spo2),
  );
  const pulse = pick(
    oxLive,
    ox,
    (r) => (r.pulseRate === undefined ? null : fmt(r.pulseRate)),
    (m) => fmt(m.pulseRate),
  );
  const celsius = pick(
    vitals.live.temperature,
    temp,
    (r) => (r.celsius === undefined || r.celsius === null ? null : fmt(r.celsius, 1)),
    (m) => fmt(m.celsius, 1),
  );
  const systolic = bp ? fmt(bp.systolic) : '--';
  const diastolic = bp ? fmt(bp.diastolic) : '--';
  const cuff = vitals.live['blood-pressure']?.cuffPressure;

  const block = (kind: MeasurementKind, title: string, body: ReactNode, value: Value | null) => {
    const device = deviceFor(vitals, kind);
    const failure = vitals.failed[kind];
    // No status for this kind: unavailable, unless readings arrive from it (then its state is unknown).
    const unavailable = device ? isUnavailable(device) : value === null;
    const unknown = !device && !unavailable;
    const modelName = value?.modelName ?? device?.modelName ?? null;
    const calibration: CalibrationState | null = value?.calibration ?? device?.calibration ?? null;
    return (
      <div className={`vital${unavailable ? ' unavailable' : ''}`} data-testid={`vitals-${kind}`}>
        <h4>{title}</h4>
        {body}
        {value && !value.valid && (
          <p className="bad" data-testid={`invalid-${kind}`}>
            ⚠ {t('vitals.invalid')} {value.flags.length > 0 && `(${value.flags.join(', ')})`}
          </p>
        )}
        {unavailable && (
          <p className="bad" data-testid={`unavailable-${kind}`}>
            ⚠ {t('vitals.unavailable')}
            {device
              ? ` (${t(`device.${device.state}`)}${device.calibration !== 'valid' ? `, ${t('vitals.calibration')} ${t(`calibration.${device.calibration}`)}` : ''})`
              : ''}
          </p>
        )}
        {unknown && (
          <p className="warn" data-testid={`unknown-${kind}`}>
            {t('vitals.unknown')}
          </p>
        )}
        {failure && (
          <p className="bad" data-testid={`failed-${kind}`}>
            {t('vitals.failed')} : {failure}
          </p>
        )}
        <p className="meta">
          {value ? formatTime(value.at) : '—'}
          {value?.live && ` · ${t('vitals.live')}`}
          {modelName && ` · ${modelName}`}
          {` · ${t('vitals.calibration')} `}
          {calibration ? t(`calibration.${calibration}`) : '—'}
        </p>
        {onMeasure && (
          <button
            type="button"
            data-testid={`measure-${kind}`}
            onClick={() => onMeasure(kind)}
            disabled={requested.has(kind)}
          >
            {requested.has(kind) ? t('measure.sent') : t(`measure.${kind}`)}
          </button>
        )}
      </div>
    );
  };

  const shown = (v: Value | null) => (v && v.valid ? v.text : '--');
  return (
    <section className="vitals" aria-label={t('vitals.title')}>
      <h3>{t('vitals.title')}</h3>
      {block(
        'oximetry',
        `${t('vitals.spo2')} / ${t('vitals.pulse')}`,
        <>
          <p className="big">
            <span data-testid="vital-spo2">{shown(spo2)}</span> % ·{' '}
            <span data-testid="vital-pulse">{shown(pulse)}</span> bpm
          </p>
          <PlethCanvas samples={vitals.pleth} count={vitals.plethCount} />
        </>,
        spo2,
      )}
      {block(
        'temperature',
        t('vitals.temperature'),
        <p className="big">
          <span data-testid="vital-temperature">{shown(celsius)}</span> °C
        </p>,
        celsius,
      )}
      {block(
        'blood-pressure',
        t('vitals.bp'),
        <p className="big">
          <span data-testid="vital-systolic">{bp?.valid ? systolic : '--'}</span>/
          <span data-testid="vital-diastolic">{bp?.valid ? diastolic : '--'}</span> mmHg
          {typeof cuff === 'number' && (
            <small>
              {' '}
              ({t('vitals.live')} {fmt(cuff)} mmHg)
            </small>
          )}
        </p>,
        bp
          ? {
              text: `${systolic}/${diastolic}`,
              at: bp.takenAt,
              modelName: bp.modelName,
              calibration: bp.calibration,
              valid: bp.valid,
              live: false,
              flags: bp.flags,
            }
          : null,
      )}
    </section>
  );
}
