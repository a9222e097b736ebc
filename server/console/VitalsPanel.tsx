import { useEffect, useState, type ReactNode } from 'react';
import type { LiveReading } from '../../common/devices/live-reading';
import { UNUSABLE_FLAGS, type Measurement } from '../../common/devices/measurement';
import type { MeasurementKind } from '../../common/devices/kinds';
import type { VitalSign } from '../../common/vitals/normal-ranges';
import { formatValue } from './format';
import { useT } from './i18n';
import { PlethCanvas } from './PlethCanvas';
import { VitalCard, VitalValue, type VitalCardProps } from './VitalCard';
import { deviceFor, type Timed, type VitalsState } from './vitals-state';
import type { TrendSeries } from './VitalTrend';

export interface VitalsPanelProps {
  vitals: VitalsState;
  /** Asks the kiosk for a measurement; absent after the call (read-only panel). */
  onMeasure?(kind: MeasurementKind): void;
  /** Opens or closes a kind's live view; absent after the call. */
  onLiveView?(kind: MeasurementKind, open: boolean): void;
  /** The console's clock (ms) for the ages; ticks every second when not given. */
  now?: number;
}

type Of<K extends MeasurementKind> = Extract<Measurement, { kind: K }>;
const recordOf = <K extends MeasurementKind>(vitals: VitalsState, kind: K): Timed<Of<K>> | undefined =>
  vitals.recorded[kind] as Timed<Of<K>> | undefined;

/** The consultation's valid final readings of `kind`, as one trend series per sign. */
function series<K extends MeasurementKind>(
  vitals: VitalsState,
  kind: K,
  signs: { sign: VitalSign; name: string; of(m: Of<K>): number | null }[],
): TrendSeries[] {
  const readings = vitals.history.filter((h): h is Timed<Of<K>> => h.value.kind === kind && h.value.valid);
  return signs.map(({ sign, name, of }) => ({
    sign,
    name,
    points: readings.flatMap((h) => {
      const value = of(h.value);
      return value === null ? [] : [{ at: h.at, value }];
    }),
  }));
}

function useNow(given: number | undefined): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (given !== undefined) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [given]);
  return given ?? now;
}

/**
 * SpO2 with pulse and the pleth waveform, temperature and blood pressure. Each shows the reading
 * of record (the latest final measurement, never replaced by a running value) and, while the
 * doctor asked for it or opened its live view, the device's running values apart, labelled as in
 * progress. See VitalCard for what each card says.
 */
export function VitalsPanel({ vitals, onMeasure, onLiveView, now: given }: VitalsPanelProps) {
  const t = useT();
  const now = useNow(given);
  const live = (kind: MeasurementKind) => vitals.live[kind];
  const liveOf = (reading: Timed<LiveReading> | undefined, body: (r: LiveReading) => ReactNode) =>
    reading
      ? {
          body: body(reading.value),
          at: reading.at,
          valid: !reading.value.flags.some((f) => UNUSABLE_FLAGS.has(f)),
          flags: reading.value.flags,
        }
      : null;
  const recordProps = (r: Timed<Measurement> | undefined, body: ReactNode): VitalCardProps['record'] =>
    r
      ? {
          body,
          at: r.at,
          modelName: r.value.modelName,
          calibration: r.value.calibration,
          valid: r.value.valid,
          flags: r.value.flags,
        }
      : null;
  const common = (kind: MeasurementKind) => ({
    kind,
    now,
    device: deviceFor(vitals, kind),
    failure: vitals.failed[kind],
    requested: vitals.requested[kind] === true,
    liveViewOpen: vitals.liveView[kind] === true,
    onMeasure,
    onLiveView,
  });

  const ox = recordOf(vitals, 'oximetry');
  const temp = recordOf(vitals, 'temperature');
  const bp = recordOf(vitals, 'blood-pressure');
  const oxLive = live('oximetry');
  return (
    <section className="vitals" aria-label={t('vitals.title')}>
      <h3>{t('vitals.title')}</h3>
      <VitalCard
        {...common('oximetry')}
        title={`${t('vitals.spo2')} / ${t('vitals.pulse')}`}
        record={recordProps(
          ox,
          ox && (
            <>
              <VitalValue sign="spo2" value={ox.value.spo2} testId="vital-spo2" /> % ·{' '}
              <VitalValue sign="pulseRate" value={ox.value.pulseRate} testId="vital-pulse" /> bpm
            </>
          ),
        )}
        live={liveOf(oxLive, (r) => (
          <>
            <span data-testid="live-spo2">{formatValue(r.spo2)}</span> % ·{' '}
            <span data-testid="live-pulse">{formatValue(r.pulseRate)}</span> bpm
          </>
        ))}
        liveExtra={
          oxLive && (
            <PlethCanvas
              samples={vitals.pleth}
              count={vitals.plethCount}
              rateHz={vitals.plethRateHz}
              label={t('vitals.pleth')}
            />
          )
        }
        trend={series(vitals, 'oximetry', [
          { sign: 'spo2', name: t('vitals.spo2'), of: (m) => m.spo2 },
          { sign: 'pulseRate', name: t('vitals.pulse'), of: (m) => m.pulseRate },
        ])}
      />
      <VitalCard
        {...common('temperature')}
        title={t('vitals.temperature')}
        record={recordProps(
          temp,
          temp && (
            <>
              <VitalValue sign="celsius" value={temp.value.celsius} digits={1} testId="vital-temperature" /> °C
            </>
          ),
        )}
        live={liveOf(live('temperature'), (r) => (
          <>
            <span data-testid="live-temperature">{formatValue(r.celsius, 1)}</span> °C
          </>
        ))}
        trend={series(vitals, 'temperature', [
          { sign: 'celsius', name: t('vitals.temperature'), of: (m) => m.celsius },
        ])}
      />
      <VitalCard
        {...common('blood-pressure')}
        title={t('vitals.bp')}
        record={recordProps(
          bp,
          bp && (
            <>
              <VitalValue sign="systolic" value={bp.value.systolic} testId="vital-systolic" />/
              <VitalValue sign="diastolic" value={bp.value.diastolic} testId="vital-diastolic" /> mmHg
            </>
          ),
        )}
        live={liveOf(live('blood-pressure'), (r) => (
          <>
            {t('vitals.cuff')} <span data-testid="live-cuff">{formatValue(r.cuffPressure)}</span> mmHg
          </>
        ))}
        trend={series(vitals, 'blood-pressure', [
          { sign: 'systolic', name: t('vitals.systolic'), of: (m) => m.systolic },
          { sign: 'diastolic', name: t('vitals.diastolic'), of: (m) => m.diastolic },
        ])}
      />
    </section>
  );
}
