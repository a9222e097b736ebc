import type { i18n, Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';

export interface SharedI18nOptions {
  /** The catalogues, one `translation` namespace per language; French is the reference. */
  resources: Resource;
  /** The language to start in (French unless the screen knows better). */
  language: string;
  /**
   * Flat keys ("vitals.spo2" is one key, not a path): the console's catalogue has keys that are
   * both a label and a prefix ("report.examination", "report.examination.none").
   */
  flatKeys?: boolean;
}

/**
 * The one i18next set-up of the browser apps (kiosk screens, doctor console, pharmacist portal):
 * French fallback, no HTML escaping (React escapes), no null results, and ready when it returns
 * (the catalogues are bundled, so nothing is loaded later and the first render has its strings).
 */
export function initSharedI18n(instance: i18n, { resources, language, flatKeys = false }: SharedI18nOptions): i18n {
  void instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'fr',
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
    showSupportNotice: false,
    ...(flatKeys ? { keySeparator: false, nsSeparator: false } : {}),
  });
  return instance;
}
