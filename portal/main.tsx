import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './App';
import { portalI18n } from './i18n';
// The tokens first: every portal style reads them (web-shared/design/tokens-only.test.ts).
import '../web-shared/design/tokens.css';
import './portal.css';

const i18n = await portalI18n(window.localStorage);
document.documentElement.lang = i18n.language;
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <App />
    </I18nextProvider>
  </StrictMode>,
);
