import { useEffect } from 'react';
import { IntentButton } from '../../components/IntentButton';
import { useTranslation } from 'react-i18next';
import type { MeasurementKind } from '../../../common/devices/kinds';
import type { GuidedMeasurement } from '../../../common/flow/flow-view';
import { speak } from '../../accessibility/speech';
import { useFlow } from '../../app/flow-context';
import { usePreferences } from '../../app/preferences';
import { formatNumber } from '../../components/format';
import { MeasurementValues } from '../../components/MeasurementValues';
import { PlethWaveform } from '../../components/PlethWaveform';
import { LANGUAGES } from '../../i18n/i18n';
import { MeasurementPicture } from './MeasurementPicture';

/** Failure codes with their own message; anything else falls back to a general one. */
export const FAILURE_CODES = [
  'finger-out',
  'probe-error',
  'cuff-error',
  'no-record',
  'device-unplugged',
  'device-unavailable',
  'out-of-service',
  'timeout',
  'low-perfusion',
  'searching',
] as const;

/** Failures a retry cannot mend (the device awaits a technician): only "back to the doctor" is offered. */
export const FINAL_FAILURES: readonly string[] = ['out-of-service'];

/**
 * Codes several drivers report whose words depend on the device (`measure.failureFor.<kind>`):
 * the oximeter's probe is a clip, the thermometer's is not.
 */
export const FAILURES_BY_KIND: Partial<Record<MeasurementKind, readonly (typeof FAILURE_CODES)[number][]>> = {
  temperature: ['probe-error'],
};

/** The translation key of the message for a failed measurement of `kind` with the driver's `code`. */
export function failureMessageKey(kind: MeasurementKind, code: string | null): string {
  const failure = FAILURE_CODES.find((c) => c === code);
  if (failure === undefined) return 'measure.failure.other';
  return FAILURES_BY_KIND[kind]?.includes(failure)
    ? `measure.failureFor.${kind}.${failure}`
    : `measure.failure.${failure}`;
}

/** The step-by-step guide for a doctor-requested measurement, over the call. */
export function MeasurementOverlay({ m }: { m: GuidedMeasurement }) {
  const { t } = useTranslation();
  const { api } = useFlow();
  const { preferences } = usePreferences();
  const lang = LANGUAGES[preferences.language].speechLang;
  const instruction =
    m.phase === 'failed'
      ? t(failureMessageKey(m.kind, m.failure))
      : m.phase === 'instructions'
        ? t(`measure.howto.${m.kind}`)
        : t(`measure.phase.${m.phase}`);

  useEffect(() => {
    if (preferences.audioGuidance) speak(instruction, lang);
  }, [instruction, lang, preferences.audioGuidance]);

  return (
    <section
      className="measure-overlay"
      role="dialog"
      aria-modal="false"
      aria-labelledby="measure-heading"
      data-testid="measurement"
      data-phase={m.phase}
    >
      <h2 id="measure-heading">{t(`measure.kind.${m.kind}`)}</h2>
      {m.phase === 'instructions' && <MeasurementPicture kind={m.kind} />}
      <p className="lead" aria-live="polite" data-testid="measure-instruction">
        {m.phase === 'failed' && <span aria-hidden="true">⚠ </span>}
        {instruction}
      </p>
      <button type="button" className="repeat" onClick={() => speak(instruction, lang)}>
        <span aria-hidden="true">🔊 </span>
        {t('frame.repeat')}
      </button>
      {m.secondsLeft !== null && (m.phase === 'resting' || m.phase === 'measuring') && (
        <p className="timer" role="timer" data-testid="measure-timer">
          {t('measure.secondsLeft', { count: m.secondsLeft })}
        </p>
      )}
      {m.phase === 'measuring' && m.live && <LiveValues live={m.live} />}
      {m.kind === 'oximetry' && m.phase === 'measuring' && <PlethWaveform api={api} label={t('measure.waveform')} />}
      {m.phase === 'result' && m.result && (
        <p className="result" data-testid="measure-result">
          <span aria-hidden="true">✔ </span>
          <MeasurementValues measurement={m.result} />
        </p>
      )}
      <MeasurementActions phase={m.phase} retry={!FINAL_FAILURES.includes(m.failure ?? '')} />
    </section>
  );
}

/** The running values while the device measures (what the patient sees moving). */
function LiveValues({ live }: { live: NonNullable<GuidedMeasurement['live']> }) {
  const { t, i18n } = useTranslation();
  const n = (value: number, digits?: number) => formatNumber(value, i18n.language, digits);
  return (
    <p className="live" data-testid="measure-live">
      {live.spo2 != null && <span>SpO₂ {n(live.spo2)} % </span>}
      {live.pulseRate != null && <span>{t('measure.pulse', { value: n(live.pulseRate) })} </span>}
      {live.celsius != null && <span>{n(live.celsius, 1)} °C </span>}
      {live.cuffPressure != null && <span>{t('measure.cuff', { value: n(live.cuffPressure) })}</span>}
    </p>
  );
}

/** What the patient can do at each phase: start, confirm or retry, or go back to the doctor. */
function MeasurementActions({ phase, retry }: { phase: GuidedMeasurement['phase']; retry: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="button-row">
      {phase === 'instructions' && (
        <IntentButton label={t('measure.ready')} className="primary" intention={{ type: 'MEASUREMENT_READY' }} />
      )}
      {phase === 'result' && (
        <>
          <IntentButton icon="↻" label={t('measure.again')} intention={{ type: 'MEASUREMENT_RETRY' }} />
          <IntentButton
            icon="✔"
            label={t('measure.confirm')}
            className="primary"
            intention={{ type: 'MEASUREMENT_CONFIRM' }}
          />
        </>
      )}
      {phase === 'failed' && (
        <>
          <IntentButton
            label={t('measure.backToDoctor')}
            className={retry ? undefined : 'primary'}
            intention={{ type: 'MEASUREMENT_CONFIRM' }}
          />
          {retry && (
            <IntentButton
              icon="↻"
              label={t('measure.retry')}
              className="primary"
              intention={{ type: 'MEASUREMENT_RETRY' }}
            />
          )}
        </>
      )}
    </div>
  );
}
