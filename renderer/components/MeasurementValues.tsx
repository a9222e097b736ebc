import { useTranslation } from 'react-i18next';
import type { Measurement } from '../../common/devices/measurement';
import { assertUnreachable } from '../../common/util/assert-unreachable';
import { formatNumber } from './format';

/** A recorded measurement in words and units (end summary, result to confirm). */
export function MeasurementValues({ measurement }: { measurement: Measurement }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const dash = '—';
  const n = (v: number | null, digits = 0) => (v === null ? dash : formatNumber(v, lang, digits));
  switch (measurement.kind) {
    case 'temperature':
      return <span>{t('measure.value.temperature', { value: n(measurement.celsius, 1) })}</span>;
    case 'oximetry':
      return <span>{t('measure.value.oximetry', { spo2: n(measurement.spo2), pulse: n(measurement.pulseRate) })}</span>;
    case 'blood-pressure':
      return (
        <span>
          {t('measure.value.bloodPressure', {
            sys: n(measurement.systolic),
            dia: n(measurement.diastolic),
            pulse: n(measurement.pulseRate),
          })}
        </span>
      );
    default:
      return assertUnreachable(measurement, 'measurement kind');
  }
}
