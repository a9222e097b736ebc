import i18next, { type i18n } from 'i18next';
import { useContext } from 'react';
import { I18nContext, useTranslation } from 'react-i18next';
import { initSharedI18n } from '../web-shared/i18n/init-i18n';
import en from './locales/en.json';
import fr from './locales/fr.json';

/**
 * The console's strings: French first, English for a visiting doctor, in JSON catalogues read by
 * i18next (the same set-up as the kiosk screens and the portal: web-shared/i18n). fr.json is the
 * reference; i18n.test.ts holds en.json to the same keys. Keys are flat ("vitals.spo2").
 */
export const CONSOLE_LANGUAGES = ['fr', 'en'] as const;
export type Lang = (typeof CONSOLE_LANGUAGES)[number];
export const consoleResources = { fr: { translation: fr }, en: { translation: en } };

export type MessageKey = keyof typeof fr;
/** A catalogue string, with its `{{values}}` filled in when it has some. */
export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** A new i18next instance with the console's catalogues (main.tsx makes one; tests make theirs). */
export function createConsoleI18n(language: Lang = 'fr'): i18n {
  return initSharedI18n(i18next.createInstance(), { resources: consoleResources, language, flatKeys: true });
}

/**
 * The instance a component finds when no provider is above it (a component rendered alone in a
 * test); App gives each console its own (I18nextProvider), so switching language stays per tab.
 */
export const defaultConsoleI18n = createConsoleI18n('fr');

export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(fr, value);
}

/**
 * The provider's instance, else the console's default one, named rather than react-i18next's
 * global (the last instance initialised anywhere in the page, which a test may have set to English).
 */
function useConsoleTranslation() {
  const fromProvider = useContext(I18nContext)?.i18n;
  return useTranslation(undefined, { i18n: fromProvider ?? defaultConsoleI18n });
}

/** The translate function for the current language (French unless the doctor switched). */
export function useT(): Translate {
  return useConsoleTranslation().t;
}

/** The console's current language, for numbers and dates. */
export function useLang(): Lang {
  return useConsoleTranslation().i18n.language === 'en' ? 'en' : 'fr';
}
