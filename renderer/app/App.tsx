import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskApi, KioskInfo } from '../../common/ipc/contract';
import { isLanguage, setLanguage, type Language } from '../i18n/i18n';
import { WelcomeScreen } from '../screens/welcome/WelcomeScreen';
import { usePreferences } from './preferences';

/** The shell every screen lives in: help button always visible, preference classes on the root. */
export function App({ api, info }: { api: KioskApi; info: KioskInfo }) {
  const { t } = useTranslation();
  const { preferences } = usePreferences();
  const [started, setStarted] = useState(false);

  useEffect(() => {
    void setLanguage(preferences.language);
  }, [preferences.language]);

  const languages = info.languages.filter(isLanguage) as Language[];
  const classes = ['app', preferences.largeText && 'large-text', preferences.highContrast && 'high-contrast'];

  return (
    <div className={classes.filter(Boolean).join(' ')} data-kiosk-id={info.kioskId}>
      <header className="top-bar">
        <span className="brand">{t('app.title')}</span>
        {info.simulated && <span className="notice">{t('app.simulated')}</span>}
        <button type="button" className="help" data-testid="help-button">
          <span aria-hidden="true">☎ </span>
          {t('app.help')}
        </button>
      </header>
      {!started && <WelcomeScreen languages={languages} onStart={() => setStarted(true)} />}
      {started && <p data-api-ready={String(Boolean(api))}>…</p>}
    </div>
  );
}
