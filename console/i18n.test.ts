import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { consoleResources } from './i18n';

const fr: Record<string, string> = consoleResources.fr.translation;
const en: Record<string, string> = consoleResources.en.translation;
const placeholders = (s: string) => [...s.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();

describe("the console's catalogues", () => {
  it('have the same keys in French and English, none empty, with the same {{values}}', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
    for (const [key, value] of Object.entries({ ...fr, ...en })) expect(value.trim(), key).not.toBe('');
    for (const key of Object.keys(fr)) expect(placeholders(en[key]!), key).toEqual(placeholders(fr[key]!));
  });
});

/**
 * Words that may stand in a component's markup as they are: units and names that read the same in
 * both languages. Any other word is part of a sentence that belongs in the catalogue.
 */
const SAME_IN_BOTH = new Set(['SpO2', 'RPPS', 'NIR', 'mmHg', 'bpm', 'kbit', 'ms', 'min', 'PDF', 'HTTP', 'Alt']);
const words = (text: string) => text.match(/[\p{L}\d]*\p{L}[\p{L}\d]+/gu) ?? [];
/** French words that give away a literal left in a French sentence (string literals in code). */
const FRENCH = /[àâçéèêëîïôûùœ]|\b(indisponible|erreur|pouls|tension|mesure|non valide|il y a|ordonnance)\b/i;

/** The console's own source files as text (Vite's glob: no Node file system in a browser folder). */
const SOURCES = import.meta.glob<string>('./*.{ts,tsx}', { query: '?raw', import: 'default', eager: true });
function sources(): { file: string; text: string }[] {
  return Object.entries(SOURCES)
    .filter(([f]) => !/\.test\.tsx?$|fixtures|i18n\.ts$|worklet/.test(f))
    .map(([file, text]) => ({ file, text }));
}

/** Every JSX text and every string literal of a source file (comments are not nodes: left out). */
function literals(file: string, text: string): { kind: 'jsx' | 'string'; value: string }[] {
  const found: { kind: 'jsx' | 'string'; value: string }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && node.text.trim()) found.push({ kind: 'jsx', value: node.text.trim() });
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))
      found.push({ kind: 'string', value: node.text });
    if (ts.isTemplateExpression(node)) {
      found.push({ kind: 'string', value: node.head.text });
      node.templateSpans.forEach((span) => found.push({ kind: 'string', value: span.literal.text }));
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX));
  return found;
}

describe("the console's components", () => {
  it('have no sentence in their markup: every word shown comes from the catalogue', () => {
    const offenders = sources().flatMap(({ file, text }) =>
      literals(file, text)
        .filter((l) => l.kind === 'jsx' && words(l.value).some((w) => !SAME_IN_BOTH.has(w)))
        .map((l) => `${file}: ${l.value}`),
    );
    expect(offenders).toEqual([]);
  });

  it('have no French string literal in their code (consultation-media, formatting, reports included)', () => {
    const offenders = sources().flatMap(({ file, text }) =>
      literals(file, text)
        .filter((l) => l.kind === 'string' && FRENCH.test(l.value))
        .map((l) => `${file}: ${l.value}`),
    );
    expect(offenders).toEqual([]);
  });
});
