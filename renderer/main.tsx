import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { PreferencesProvider } from './app/preferences';
// The tokens first: every kiosk style reads them (web-shared/design/tokens-only.test.ts).
import '../web-shared/design/tokens.css';
import './app/styles.css';
import { initI18n, isLanguage } from './i18n/i18n';
import { getKioskApi } from './kiosk-api/get-kiosk-api';

async function boot() {
  const api = getKioskApi();
  const info = await api.getInfo({});
  const language = isLanguage(info.defaultLanguage) ? info.defaultLanguage : 'fr';
  await initI18n(language);
  const initial = { language, largeText: false, highContrast: false, audioGuidance: false };
  // Simulated kiosks only: the e2e journeys play the platform's part (doctor accepts, asks for a
  // measurement, ends the call) through the same kiosk API the streaming layer uses.
  if (info.simulated) (window as Window & { kioskSimulated?: typeof api }).kioskSimulated = api;
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <PreferencesProvider initial={initial}>
        <App api={api} info={info} />
      </PreferencesProvider>
    </StrictMode>,
  );
}

boot().catch((error: unknown) => {
  // Last resort: a plain message in French and English instead of a blank screen.
  document.body.innerHTML =
    '<main style="font:2rem sans-serif;padding:2rem"><h1>Borne momentanément indisponible</h1>' +
    '<p>Merci de prévenir le pharmacien. / Kiosk temporarily unavailable: please tell the pharmacist.</p></main>';
  console.error('kiosk boot failed', error);
});
