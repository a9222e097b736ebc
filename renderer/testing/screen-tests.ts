import { cleanup } from '@testing-library/react';
import { afterEach, beforeAll } from 'vitest';
import { initI18n, type Language } from '../i18n/i18n';

/** Call at the top of a screen test file: the screens' texts in `language`, unmounted after each test. */
export function setUpScreenTests(language: Language = 'fr'): void {
  beforeAll(async () => {
    await initI18n(language);
  });
  afterEach(cleanup);
}
