import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { SITE_PLACES } from '../../../common/auscultation/sites';
import type { GuidedAuscultation } from '../../../common/flow/flow-view';
import { BodyDiagram } from '../../../web-shared/body-diagram/BodyDiagram';
import { speak } from '../../accessibility/speech';
import { usePreferences } from '../../app/preferences';
import { IntentButton } from '../../components/IntentButton';
import { useSecondsSince } from '../../components/use-seconds-since';
import { LANGUAGES } from '../../i18n/i18n';

/** What the patient is told at each phase: where to put it, how to breathe while listened to, or why it failed. */
function useInstruction(a: GuidedAuscultation) {
  const { t } = useTranslation();
  const where = `${t(`auscultation.site.${a.site}`)} ${t('auscultation.skin')}`;
  const instruction =
    a.phase === 'failed'
      ? t(`auscultation.failure.${a.failure ?? 'stethoscope-not-found'}`)
      : a.phase === 'listening'
        ? t(`auscultation.listening.${SITE_PLACES[a.site].organ}`)
        : where;
  return { where, instruction };
}

/**
 * The doctor listens with the cabin's stethoscope: where to put the chest piece (the body seen as
 * in a mirror, the spot marked, the place in words), then that the doctor listens and how to
 * breathe, with the time elapsed; or why the stethoscope could not be sent. Spoken when audio
 * guidance is on.
 */
export function AuscultationOverlay({ a }: { a: GuidedAuscultation }) {
  const { t } = useTranslation();
  const { preferences } = usePreferences();
  const lang = LANGUAGES[preferences.language].speechLang;
  const { view } = SITE_PLACES[a.site];
  const { where, instruction } = useInstruction(a);
  const elapsed = useSecondsSince(a.phase === 'listening' ? a.listeningSince : null);
  useEffect(() => {
    if (preferences.audioGuidance) speak(instruction, lang);
  }, [instruction, lang, preferences.audioGuidance]);

  return (
    <section
      className="measure-overlay auscultation"
      role="dialog"
      aria-modal="false"
      aria-labelledby="auscultation-heading"
      data-testid="auscultation"
      data-phase={a.phase}
      data-site={a.site}
    >
      <h2 id="auscultation-heading">
        {t('auscultation.title')} · {t(`auscultation.view.${view}`)}
      </h2>
      {a.phase !== 'failed' && <PatientDiagram a={a} />}
      <p className="lead" aria-live="polite" data-testid="auscultation-instruction">
        {a.phase === 'failed' && <span aria-hidden="true">⚠ </span>}
        {instruction}
      </p>
      {a.phase === 'listening' && <p data-testid="auscultation-where">{where}</p>}
      {a.phase === 'placing' && <p data-testid="auscultation-opening">{t('auscultation.opening')}</p>}
      <button type="button" className="repeat" onClick={() => speak(instruction, lang)}>
        <span aria-hidden="true">🔊 </span>
        {t('frame.repeat')}
      </button>
      {elapsed !== null && (
        <p className="timer" role="timer" data-testid="auscultation-timer">
          {t('auscultation.elapsed', { count: elapsed })}
        </p>
      )}
      {a.phase === 'failed' && (
        <div className="button-row">
          <IntentButton
            label={t('measure.backToDoctor')}
            className="primary"
            intention={{ type: 'AUSCULTATION_CLOSE' }}
          />
        </div>
      )}
    </section>
  );
}

/** The body as in a mirror, front or back, with the spot to put the chest piece on. */
function PatientDiagram({ a }: { a: GuidedAuscultation }) {
  const { t } = useTranslation();
  return (
    <div className="auscultation-diagram">
      <BodyDiagram
        view={SITE_PLACES[a.site].view}
        viewer="patient"
        selected={a.site}
        title={t('auscultation.diagram')}
        sideLabels={{ right: t('auscultation.side.right'), left: t('auscultation.side.left') }}
        testId="auscultation-diagram"
      />
    </div>
  );
}
