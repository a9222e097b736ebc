import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { readSignInStart } from './pro-sante-connect';
// The tokens first: every console style reads them (web-shared/design/tokens-only.test.ts).
import '../web-shared/design/tokens.css';
import './styles/base.css';
import './styles/shell.css';
import './styles/queue.css';
import './styles/consultation.css';
import './styles/vitals.css';
import './styles/note-and-prescription.css';
import './styles/examination.css';
import './styles/report.css';

// Before the first screen: the session a Pro Santé Connect sign-in just opened, and the sign-ins offered.
void readSignInStart({
  location: window.location,
  storage: window.sessionStorage,
  replaceUrl: (path) => window.history.replaceState(null, '', path),
  fetch: (...args) => window.fetch(...args),
}).then((signInStart) =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App signInStart={signInStart} />
    </StrictMode>,
  ),
);
