import { describe, expect, it } from 'vitest';
import { PORTAL_LANGUAGES, portalResources } from './i18n';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("the portal's catalogues", () => {
  it.each(PORTAL_LANGUAGES.filter((l) => l !== 'fr'))('%s has exactly the keys of French, none empty', (language) => {
    const reference = keys(portalResources.fr.translation).sort();
    const translation = portalResources[language].translation;
    expect(keys(translation).sort()).toEqual(reference);
    const empty = keys(translation).filter((k) => {
      const v = k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], translation);
      return typeof v !== 'string' || v.trim() === '';
    });
    expect(empty).toEqual([]);
  });
});
