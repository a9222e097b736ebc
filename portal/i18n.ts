import i18next, { type i18n } from 'i18next';
import { initSharedI18n } from '../web-shared/i18n/init-i18n';
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
  const language = stored === 'en' ? 'en' : 'fr';
  return Promise.resolve(initSharedI18n(i18next.createInstance(), { resources: portalResources, language }));
}

/** Switches between French and English, remembered on this tablet. */
export async function switchLanguage(instance: i18n, storage: Pick<Storage, 'setItem'> | null): Promise<void> {
  const next: PortalLanguage = instance.language === 'fr' ? 'en' : 'fr';
  storage?.setItem(LANGUAGE_KEY, next);
  await instance.changeLanguage(next);
  document.documentElement.lang = next;
}
