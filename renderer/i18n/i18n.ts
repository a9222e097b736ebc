import i18next from 'i18next';
import { initSharedI18n } from '../../web-shared/i18n/init-i18n';
import ar from './locales/ar.json';
import en from './locales/en.json';
import es from './locales/es.json';
import fr from './locales/fr.json';

/** Every language the screens can show; French is the reference file the others must match. */
export const LANGUAGES = {
  fr: { nativeName: 'Français', dir: 'ltr', speechLang: 'fr-FR' },
  en: { nativeName: 'English', dir: 'ltr', speechLang: 'en-GB' },
  es: { nativeName: 'Español', dir: 'ltr', speechLang: 'es-ES' },
  ar: { nativeName: 'العربية', dir: 'rtl', speechLang: 'ar' },
} as const;
export type Language = keyof typeof LANGUAGES;

export const resources = {
  fr: { translation: fr },
  en: { translation: en },
  es: { translation: es },
  ar: { translation: ar },
};

export function isLanguage(value: string): value is Language {
  return Object.hasOwn(LANGUAGES, value);
}

/** The kiosk screens use i18next's global instance (the shared set-up: web-shared/i18n). */
export async function initI18n(language: Language = 'fr') {
  return Promise.resolve(initSharedI18n(i18next, { resources, language }));
}

/** Switches language and the document's `lang`/`dir` (Arabic reads right to left). */
export async function setLanguage(language: Language, doc: Document = document) {
  await i18next.changeLanguage(language);
  doc.documentElement.lang = language;
  doc.documentElement.dir = LANGUAGES[language].dir;
}
