import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { speak } from '../../accessibility/speech';
import { usePreferences } from '../../app/preferences';
import { LANGUAGES, type Language } from '../../i18n/i18n';

export interface WelcomeScreenProps {
  languages: readonly Language[];
  onStart: () => void;
  /** "I have an appointment" (issue 17): the check-in with the ticket's QR code. */
  onCheckIn?: () => void;
}

/** First screen: start, language, text size, contrast and spoken guidance, all one touch away. */
export function WelcomeScreen({ languages, onStart, onCheckIn }: WelcomeScreenProps) {
  const { t } = useTranslation();
  const { preferences, update } = usePreferences();

  useEffect(() => {
    if (preferences.audioGuidance) speak(t('welcome.spoken'), LANGUAGES[preferences.language].speechLang);
  }, [preferences.audioGuidance, preferences.language, t]);

  return (
    <main className="screen welcome" aria-labelledby="welcome-heading">
      <h1 id="welcome-heading">{t('welcome.heading')}</h1>
      <p className="lead">{t('welcome.intro')}</p>
      <button type="button" className="primary huge" onClick={onStart}>
        {t('welcome.start')}
      </button>
      {onCheckIn && (
        <button type="button" className="huge-ish" data-testid="welcome-check-in" onClick={onCheckIn}>
          {t('welcome.checkIn')}
        </button>
      )}

      <section aria-labelledby="language-heading" className="options">
        <h2 id="language-heading">{t('welcome.language')}</h2>
        <div className="button-row" role="group" aria-labelledby="language-heading">
          {languages.map((code) => (
            <button
              key={code}
              type="button"
              lang={code}
              aria-pressed={preferences.language === code}
              onClick={() => update({ language: code })}
            >
              {LANGUAGES[code].nativeName}
            </button>
          ))}
        </div>
      </section>

      <section className="options button-row">
        <Toggle
          label={t('welcome.largeText')}
          pressed={preferences.largeText}
          onToggle={(v) => update({ largeText: v })}
        />
        <Toggle
          label={t('welcome.highContrast')}
          pressed={preferences.highContrast}
          onToggle={(v) => update({ highContrast: v })}
        />
        <Toggle
          label={t('welcome.audio')}
          pressed={preferences.audioGuidance}
          onToggle={(v) => update({ audioGuidance: v })}
        />
      </section>
    </main>
  );
}

function Toggle({ label, pressed, onToggle }: { label: string; pressed: boolean; onToggle: (value: boolean) => void }) {
  const { t } = useTranslation();
  // The state is written as a word and an icon, not only a colour.
  return (
    <button type="button" aria-pressed={pressed} onClick={() => onToggle(!pressed)}>
      <span aria-hidden="true">{pressed ? '✔ ' : '○ '}</span>
      {label}
      <span className="state"> ({pressed ? t('common.on') : t('common.off')})</span>
    </button>
  );
}
