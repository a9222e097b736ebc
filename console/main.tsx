import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { readSignInStart } from './pro-sante-connect';
import './console.css';

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
