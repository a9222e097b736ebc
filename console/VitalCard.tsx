import { type ReactNode } from 'react';
import type { CalibrationState, DeviceStatus } from '../common/devices/device-status';
import type { QualityFlag } from '../common/devices/measurement';
import type { MeasurementKind } from '../common/devices/kinds';
import { NORMAL_ADULT_RANGES, rangeFlag, type VitalSign } from '../common/vitals/normal-ranges';
import { assertUnreachable } from '../common/util/assert-unreachable';
import { availability, isUnavailable } from './device-availability';
import { formatAge, formatTime, formatValue } from './format';
import { useLang, useT } from './i18n';
import { VitalTrend, type TrendSeries } from './VitalTrend';

/** One number of a reading, flagged when outside the normal adult range (with words, not colour alone). */
export function VitalValue({
  sign,
  value,
  digits = 0,
  testId,
}: {
  sign: VitalSign;
  value: number | null | undefined;
  digits?: number;
  testId: string;
}) {
  const t = useT();
  const lang = useLang();
  const flag = rangeFlag(sign, value);
  const range = NORMAL_ADULT_RANGES[sign];
  return (
    <>
      <span data-testid={testId}>{formatValue(value, digits, lang)}</span>
      {flag && (
        <span
          className="flag"
          data-testid={`flag-${testId}`}
          title={`${t('vitals.normal')} ${formatValue(range.low, digits, lang)}–${formatValue(range.high, digits, lang)} ${range.unit}`}
        >
          {flag === 'high' ? '↑' : '↓'} {t(flag === 'high' ? 'vitals.high' : 'vitals.low')}
        </span>
      )}
    </>
  );
}

/** Where a value came from and how old it is: age, time, device model and calibration state. */
function Provenance({
  at,
  now,
  modelName,
  calibration,
  testId,
}: {
  at: number;
  now: number;
  /** The device model's name as the kiosk's catalogue gives it. */
  modelName: string | null;
  calibration: CalibrationState | null;
  testId: string;
}) {
  const t = useT();
  return (
    <span className="meta" data-testid={testId}>
      <span data-testid={`${testId}-age`}>{formatAge(now - at, t)}</span> · {formatTime(at)}
      {modelName && ` · ${modelName}`}
      {calibration && ` · ${t('vitals.calibration')} ${t(`calibration.${calibration}`)}`}
    </span>
  );
}

export interface VitalCardProps {
  kind: MeasurementKind;
  title: string;
  now: number;
  device: DeviceStatus | undefined;
  /** The reading of record: its values, provenance and validity; null before any. */
  record: {
    body: ReactNode;
    at: number;
    modelName: string;
    calibration: CalibrationState;
    valid: boolean;
    flags: QualityFlag[];
  } | null;
  /** The running values while the doctor watches this kind; null otherwise. */
  live: { body: ReactNode; at: number; valid: boolean; flags: QualityFlag[] } | null;
  /** Drawn beside the running values (the pleth, with SpO2 and pulse at its side as on a monitor). */
  liveExtra?: ReactNode;
  trend: TrendSeries[];
  failure: string | undefined;
  requested: boolean;
  liveViewOpen: boolean;
  onMeasure?(kind: MeasurementKind): void;
  onLiveView?(kind: MeasurementKind, open: boolean): void;
}

/**
 * One kind of vital: the reading of record (kept until another final one), the running values
 * apart and labelled "in progress", each with its age, device model and calibration; the device's
 * availability; the consultation's trend; the request and live-view buttons.
 */
export function VitalCard(p: VitalCardProps) {
  const t = useT();
  const state = availability(p.device, p.record !== null || p.live !== null);
  const unavailable = isUnavailable(state);
  const modelName = p.device?.modelName ?? null;
  return (
    <div className={`vital${unavailable ? ' unavailable' : ''}`} data-testid={`vitals-${p.kind}`}>
      <h4>{p.title}</h4>
      <RecordOfReading kind={p.kind} now={p.now} record={p.record} />
      {p.live && (
        <LiveReading
          kind={p.kind}
          now={p.now}
          live={p.live}
          extra={p.liveExtra}
          modelName={modelName}
          calibration={p.device?.calibration ?? null}
        />
      )}
      {p.requested && !p.live && (
        <p className="meta" data-testid={`waiting-${p.kind}`}>
          {t('vitals.waiting')}
        </p>
      )}
      <DeviceLine state={state} kind={p.kind} />
      {p.failure && (
        <p className="bad" data-testid={`failed-${p.kind}`}>
          {t('vitals.failed')} : {p.failure}
        </p>
      )}
      <VitalTrend series={p.trend} label={t('vitals.trend')} testId={`trend-${p.kind}`} />
      <VitalActions {...p} outOfService={state.status === 'out-of-service'} />
    </div>
  );
}

/** The reading of record: its values (or "--" when invalid, with the flags), provenance, or "none yet". */
function RecordOfReading({ kind, now, record }: Pick<VitalCardProps, 'kind' | 'now' | 'record'>) {
  const t = useT();
  return (
    <div className="record" data-testid={`record-${kind}`}>
      <p className="big">{record && record.valid ? record.body : <span>--</span>}</p>
      {record ? (
        <Provenance
          at={record.at}
          now={now}
          modelName={record.modelName}
          calibration={record.calibration}
          testId={`record-meta-${kind}`}
        />
      ) : (
        <span className="meta">{t('vitals.none')}</span>
      )}
      {record && !record.valid && (
        <p className="bad" data-testid={`invalid-${kind}`}>
          ⚠ {t('vitals.invalid')} {record.flags.length > 0 && `(${record.flags.join(', ')})`}
        </p>
      )}
    </div>
  );
}

/** The running values, apart from the record and labelled as in progress, with their provenance. */
function LiveReading({
  kind,
  now,
  live,
  extra,
  modelName,
  calibration,
}: {
  kind: MeasurementKind;
  now: number;
  live: NonNullable<VitalCardProps['live']>;
  extra: ReactNode;
  modelName: string | null;
  calibration: CalibrationState | null;
}) {
  const t = useT();
  return (
    <div className="live" data-testid={`live-${kind}`}>
      <div className={extra ? 'live-row' : undefined}>
        {extra}
        <p className="live-values">
          <strong>{t('vitals.live')} :</strong> {live.valid ? live.body : '--'}
          {live.flags.length > 0 && ` (${live.flags.join(', ')})`}
        </p>
      </div>
      <Provenance at={live.at} now={now} modelName={modelName} calibration={calibration} testId={`live-meta-${kind}`} />
    </div>
  );
}

/** Ask the kiosk for this measurement; open or close its live view. */
function VitalActions({
  kind,
  requested,
  liveViewOpen,
  onMeasure,
  onLiveView,
  outOfService,
}: Pick<VitalCardProps, 'kind' | 'requested' | 'liveViewOpen' | 'onMeasure' | 'onLiveView'> & {
  /** The kiosk withholds the device (failed or expired calibration): asking would only be refused. */
  outOfService: boolean;
}) {
  const t = useT();
  if (!onMeasure && !onLiveView) return null;
  return (
    <div className="actions">
      {onMeasure && (
        <button
          type="button"
          data-testid={`measure-${kind}`}
          onClick={() => onMeasure(kind)}
          disabled={requested || outOfService}
          // The reason is the device line's sentence, read with the button.
          aria-describedby={outOfService ? `unavailable-${kind}` : undefined}
        >
          {requested ? t('measure.sent') : t(`measure.${kind}`)}
        </button>
      )}
      {onLiveView && (
        <button
          type="button"
          data-testid={`live-view-${kind}`}
          aria-pressed={liveViewOpen}
          onClick={() => onLiveView(kind, !liveViewOpen)}
        >
          {t('vitals.liveView')}
        </button>
      )}
    </div>
  );
}

/**
 * The device's state when it is not simply ready (unknown calibration said as such, not as
 * unavailable); also the stethoscope's, in the auscultation panel.
 */
export function DeviceLine({
  state,
  kind,
}: {
  state: ReturnType<typeof availability>;
  kind: MeasurementKind | 'stethoscope' | 'exam-camera';
}) {
  const t = useT();
  switch (state.status) {
    case 'ready':
      return null;
    case 'absent':
      return (
        <p className="bad" data-testid={`unavailable-${kind}`}>
          ⚠ {t('vitals.unavailable')} ({t('vitals.absent')})
        </p>
      );
    case 'not-connected':
      return (
        <p className="bad" data-testid={`unavailable-${kind}`}>
          ⚠ {t('vitals.unavailable')} ({t(`device.${state.state}`)})
        </p>
      );
    case 'out-of-service':
      return (
        <p className="bad" id={`unavailable-${kind}`} data-testid={`unavailable-${kind}`}>
          ⚠ {t('vitals.outOfService')} ({t('vitals.calibration')} {t(`calibration.${state.calibration}`)})
        </p>
      );
    case 'connecting':
      return (
        <p className="warn" data-testid={`connecting-${kind}`}>
          {t('vitals.connecting')}
        </p>
      );
    case 'unreported':
      return (
        <p className="warn" data-testid={`unknown-${kind}`}>
          {t('vitals.unknown')}
        </p>
      );
    default:
      return assertUnreachable(state, 'device availability');
  }
}
