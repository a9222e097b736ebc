import { describe, expect, it } from 'vitest';
import { LANGUAGES, resources } from './i18n';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('translation files', () => {
  const reference = keys(resources.fr.translation).sort();
  it.each(Object.keys(LANGUAGES).filter((l) => l !== 'fr'))('%s has exactly the keys of French', (language) => {
    const translation = resources[language as keyof typeof resources].translation;
    expect(keys(translation).sort()).toEqual(reference);
  });

  it('has no empty string in any language', () => {
    for (const [language, { translation }] of Object.entries(resources)) {
      const empty = keys(translation).filter((k) => {
        const v = k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], translation);
        return typeof v !== 'string' || v.trim() === '';
      });
      expect(empty, language).toEqual([]);
    }
  });
});
