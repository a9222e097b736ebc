import { type ReactNode } from 'react';
import type { LiveReading } from '../common/devices/live-reading';
import { UNUSABLE_FLAGS, type Measurement } from '../common/devices/measurement';
import type { MeasurementKind } from '../common/devices/kinds';
import type { VitalSign } from '../common/vitals/normal-ranges';
import { formatValue } from './format';
import { useLang, useT } from './i18n';
import { PlethCanvas } from './PlethCanvas';
import { useNow } from './use-now';
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

/** The running values of a live reading as a card shows them (unusable flags make them "--"). */
function liveOf(reading: Timed<LiveReading> | undefined, body: (r: LiveReading) => ReactNode): VitalCardProps['live'] {
  if (!reading) return null;
  const { flags } = reading.value;
  return { body: body(reading.value), at: reading.at, valid: !flags.some((f) => UNUSABLE_FLAGS.has(f)), flags };
}

/** The reading of record as a card shows it: its values, provenance and validity. */
function recordOf<K extends MeasurementKind>(
  vitals: VitalsState,
  kind: K,
  body: (m: Of<K>) => ReactNode,
): VitalCardProps['record'] {
  const r = vitals.recorded[kind] as Timed<Of<K>> | undefined;
  if (!r) return null;
  const { modelName, calibration, valid, flags } = r.value;
  return { body: body(r.value), at: r.at, modelName, calibration, valid, flags };
}

/** What every card takes from the panel: its kind, the clock, the device, the request state, the actions. */
type Shared = Pick<
  VitalCardProps,
  'kind' | 'now' | 'device' | 'failure' | 'requested' | 'liveViewOpen' | 'onMeasure' | 'onLiveView'
>;
type CardProps = { vitals: VitalsState; shared: Shared };

function OximetryCard({ vitals, shared }: CardProps) {
  const t = useT();
  const live = vitals.live.oximetry;
  return (
    <VitalCard
      {...shared}
      title={`${t('vitals.spo2')} / ${t('vitals.pulse')}`}
      record={recordOf(vitals, 'oximetry', (m) => (
        <>
          <VitalValue sign="spo2" value={m.spo2} testId="vital-spo2" /> % ·{' '}
          <VitalValue sign="pulseRate" value={m.pulseRate} testId="vital-pulse" /> bpm
        </>
      ))}
      live={liveOf(live, (r) => (
        <>
          <span data-testid="live-spo2">{formatValue(r.spo2)}</span> % ·{' '}
          <span data-testid="live-pulse">{formatValue(r.pulseRate)}</span> bpm
        </>
      ))}
      liveExtra={
        live && (
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
  );
}

function TemperatureCard({ vitals, shared }: CardProps) {
  const t = useT();
  const lang = useLang();
  return (
    <VitalCard
      {...shared}
      title={t('vitals.temperature')}
      record={recordOf(vitals, 'temperature', (m) => (
        <>
          <VitalValue sign="celsius" value={m.celsius} digits={1} testId="vital-temperature" /> °C
        </>
      ))}
      live={liveOf(vitals.live.temperature, (r) => (
        <>
          <span data-testid="live-temperature">{formatValue(r.celsius, 1, lang)}</span> °C
        </>
      ))}
      trend={series(vitals, 'temperature', [{ sign: 'celsius', name: t('vitals.temperature'), of: (m) => m.celsius }])}
    />
  );
}

function BloodPressureCard({ vitals, shared }: CardProps) {
  const t = useT();
  return (
    <VitalCard
      {...shared}
      title={t('vitals.bp')}
      record={recordOf(vitals, 'blood-pressure', (m) => (
        <>
          <VitalValue sign="systolic" value={m.systolic} testId="vital-systolic" />/
          <VitalValue sign="diastolic" value={m.diastolic} testId="vital-diastolic" /> mmHg
        </>
      ))}
      live={liveOf(vitals.live['blood-pressure'], (r) => (
        <>
          {t('vitals.cuff')} <span data-testid="live-cuff">{formatValue(r.cuffPressure)}</span> mmHg
        </>
      ))}
      trend={series(vitals, 'blood-pressure', [
        { sign: 'systolic', name: t('vitals.systolic'), of: (m) => m.systolic },
        { sign: 'diastolic', name: t('vitals.diastolic'), of: (m) => m.diastolic },
      ])}
    />
  );
}

/**
 * SpO2 with pulse and the pleth waveform, temperature and blood pressure. Each shows the reading
 * of record (the latest final measurement, never replaced by a running value) and, while the
 * doctor asked for it or opened its live view, the device's running values apart, labelled as in
 * progress. See VitalCard for what each card says.
 */
export function VitalsPanel({ vitals, onMeasure, onLiveView, now: given }: VitalsPanelProps) {
  const t = useT();
  const ticking = useNow();
  const now = given ?? ticking;
  const shared = (kind: MeasurementKind): Shared => ({
    kind,
    now,
    device: deviceFor(vitals, kind),
    failure: vitals.failed[kind],
    requested: vitals.requested[kind] === true,
    liveViewOpen: vitals.liveView[kind] === true,
    onMeasure,
    onLiveView,
  });
  return (
    <section className="vitals" aria-label={t('vitals.title')}>
      <h3>{t('vitals.title')}</h3>
      <OximetryCard vitals={vitals} shared={shared('oximetry')} />
      <TemperatureCard vitals={vitals} shared={shared('temperature')} />
      <BloodPressureCard vitals={vitals} shared={shared('blood-pressure')} />
    </section>
  );
}
