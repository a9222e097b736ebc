import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { GuidedExamCamera } from '../../../common/flow/flow-view';
import { speak } from '../../accessibility/speech';
import { usePreferences } from '../../app/preferences';
import { IntentButton } from '../../components/IntentButton';
import { useSecondsSince } from '../../components/use-seconds-since';
import { LANGUAGES } from '../../i18n/i18n';

/** A hand holding the camera towards an ear: what to pick up and where it goes. */
function ExamCameraPicture({ title }: { title: string }) {
  return (
    <svg className="exam-camera-picture" viewBox="0 0 240 120" role="img" aria-label={title}>
      <title>{title}</title>
      <path d="M170 20 a40 50 0 1 1 0 80 a20 25 0 0 0 0 -80 z" fill="#f2c9a0" stroke="#333" strokeWidth="3" />
      <rect x="30" y="50" width="90" height="22" rx="8" fill="#4a6fa5" stroke="#333" strokeWidth="3" />
      <path d="M120 54 L160 58 L160 64 L120 68 z" fill="#ddd" stroke="#333" strokeWidth="3" />
      <circle cx="160" cy="61" r="4" fill="#ffd54a" />
    </svg>
  );
}

/**
 * The doctor looks through the cabin's examination camera (otoscope, dermatoscope): take it from
 * its holder while it opens, then bring it where the doctor says and hold it still while the
 * doctor looks and takes stills, with the time it has been held; or why it could not be sent.
 * Spoken when audio guidance is on.
 */
export function ExamCameraOverlay({ e }: { e: GuidedExamCamera }) {
  const { t } = useTranslation();
  const { preferences } = usePreferences();
  const lang = LANGUAGES[preferences.language].speechLang;
  const elapsed = useSecondsSince(e.phase === 'streaming' ? e.streamingSince : null);
  const instruction =
    e.phase === 'failed'
      ? t(`examCamera.failure.${e.failure ?? 'camera-not-found'}`)
      : t(e.phase === 'streaming' ? 'examCamera.streaming' : 'examCamera.opening');
  useEffect(() => {
    if (preferences.audioGuidance) speak(instruction, lang);
  }, [instruction, lang, preferences.audioGuidance]);

  return (
    <section
      className="measure-overlay exam-camera"
      role="dialog"
      aria-modal="false"
      aria-labelledby="exam-camera-heading"
      data-testid="exam-camera"
      data-phase={e.phase}
    >
      <h2 id="exam-camera-heading">{t('examCamera.title')}</h2>
      {e.phase !== 'failed' && <ExamCameraPicture title={t('examCamera.title')} />}
      <p className="lead" aria-live="polite" data-testid="exam-camera-instruction">
        {e.phase === 'failed' && <span aria-hidden="true">⚠ </span>}
        {instruction}
      </p>
      {e.phase === 'streaming' && <p>{t('examCamera.hold')}</p>}
      {elapsed !== null && (
        <p className="timer" role="timer" data-testid="exam-camera-timer">
          {t('examCamera.elapsed', { count: elapsed })}
        </p>
      )}
      <button type="button" className="repeat" onClick={() => speak(instruction, lang)}>
        <span aria-hidden="true">🔊 </span>
        {t('frame.repeat')}
      </button>
      {e.phase === 'failed' && (
        <div className="button-row">
          <IntentButton
            label={t('measure.backToDoctor')}
            className="primary"
            intention={{ type: 'EXAM_CAMERA_CLOSE' }}
          />
        </div>
      )}
    </section>
  );
}
