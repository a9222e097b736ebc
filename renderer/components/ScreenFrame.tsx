import { useEffect, type ReactNode } from 'react';
import { IntentButton } from './IntentButton';
import { useTranslation } from 'react-i18next';
import { speak } from '../accessibility/speech';
import { usePreferences } from '../app/preferences';
import { LANGUAGES } from '../i18n/i18n';

export interface ScreenFrameProps {
  /** Used for the heading id and the test id (`screen-<name>`). */
  name: string;
  /**
   * The translation key prefix of the step: `<text>.title` is the heading and `<text>.spoken` the
   * instruction spoken on entering the screen (audio guidance on) and by "repeat".
   */
  text: string;
  /**
   * The spoken instruction when it depends on what the screen shows (e.g. the wait), already
   * translated; spoken again when it changes. Default `<text>.spoken`.
   */
  spoken?: string;
  /** Shows a "back" button sending BACK. */
  back?: boolean;
  /** Shows "stop" (CANCEL); every step after welcome has it unless the step ends by itself. */
  cancel?: boolean;
  className?: string;
  children: ReactNode;
}

/** The common layout of a step: heading, spoken instruction with "repeat", content, back/stop. */
export function ScreenFrame({
  name,
  text,
  spoken: spokenText,
  back = false,
  cancel = true,
  className,
  children,
}: ScreenFrameProps) {
  const { t } = useTranslation();
  const { preferences } = usePreferences();
  const lang = LANGUAGES[preferences.language].speechLang;
  const title = t(`${text}.title`);
  const spoken = spokenText ?? t(`${text}.spoken`);

  useEffect(() => {
    if (preferences.audioGuidance) speak(spoken, lang);
    // Speak once per screen, language and instruction; a re-render that changes none must not repeat it.
  }, [name, preferences.audioGuidance, lang, spoken]);

  return (
    <main
      className={['screen', `screen-${name}`, className].filter(Boolean).join(' ')}
      aria-labelledby={`${name}-heading`}
      data-testid={`screen-${name}`}
    >
      <h1 id={`${name}-heading`}>{title}</h1>
      <button type="button" className="repeat" onClick={() => speak(spoken, lang)}>
        <span aria-hidden="true">🔊 </span>
        {t('frame.repeat')}
      </button>
      <div className="screen-body">{children}</div>
      {(back || cancel) && (
        <nav className="button-row frame-nav" aria-label={t('frame.navigation')}>
          {back && <IntentButton icon="←" label={t('frame.back')} intention={{ type: 'BACK' }} />}
          {cancel && (
            <IntentButton icon="✖" label={t('frame.cancel')} className="cancel" intention={{ type: 'CANCEL' }} />
          )}
        </nav>
      )}
    </main>
  );
}
