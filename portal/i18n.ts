import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import fr from './locales/fr.json';

/** The portal's languages: French first, English for a visiting pharmacist; fr.json is the reference. */
export const PORTAL_LANGUAGES = ['fr', 'en'] as const;
export type PortalLanguage = (typeof PORTAL_LANGUAGES)[number];
export const portalResources = { fr: { translation: fr }, en: { translation: en } };

/** Where the chosen language is kept on this tablet. */
const LANGUAGE_KEY = 'pharmacist-portal.language';

/** The portal's own i18next instance (the kiosk screens have theirs). */
export async function portalI18n(storage: Pick<Storage, 'getItem'> | null): Promise<i18n> {
  const stored = storage?.getItem(LANGUAGE_KEY);
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({
    resources: portalResources,
    lng: stored === 'en' ? 'en' : 'fr',
    fallbackLng: 'fr',
    interpolation: { escapeValue: false },
  });
  return instance;
}

/** Switches between French and English, remembered on this tablet. */
export async function switchLanguage(instance: i18n, storage: Pick<Storage, 'setItem'> | null): Promise<void> {
  const next: PortalLanguage = instance.language === 'fr' ? 'en' : 'fr';
  storage?.setItem(LANGUAGE_KEY, next);
  await instance.changeLanguage(next);
  document.documentElement.lang = next;
}
