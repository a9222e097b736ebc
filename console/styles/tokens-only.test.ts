import { describe, expect, it } from 'vitest';

/** The console's style sheets as text (Vite's glob: no Node file system in a browser folder). */
const SHEETS = import.meta.glob<string>('./*.css', { query: '?raw', import: 'default', eager: true });
const TOKENS = import.meta.glob<string>('../../web-shared/design/tokens.css', {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** The declarations of a sheet, comments left out, each with its property. */
function declarations(css: string): { property: string; value: string }[] {
  return [...css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([\w-]+)\s*:\s*([^;{}]+);/g)].map((m) => ({
    property: m[1]!,
    value: m[2]!.trim(),
  }));
}

const COLOUR_LITERAL = /#[0-9a-f]{3,8}\b|\b(rgba?|hsla?)\(|\b(white|black|red|green|blue|gray|grey|yellow|orange)\b/i;

describe("the console's styles", () => {
  it('are split into files and take every colour, font size, radius and shadow from the design tokens', () => {
    expect(Object.keys(SHEETS).length).toBeGreaterThan(4);
    const offenders = Object.entries(SHEETS).flatMap(([file, css]) =>
      declarations(css)
        .filter(
          ({ property, value }) =>
            COLOUR_LITERAL.test(value) ||
            (/^(font-size|border-radius|box-shadow|font-family)$/.test(property) && !/^var\(--/.test(value)),
        )
        .map(({ property, value }) => `${file}: ${property}: ${value}`),
    );
    expect(offenders).toEqual([]);
  });

  it('name only tokens that exist', () => {
    const defined = new Set([...Object.values(TOKENS)[0]!.matchAll(/(--[\w-]+)\s*:/g)].map((m) => m[1]));
    const used = Object.values(SHEETS).flatMap((css) => [...css.matchAll(/var\((--[\w-]+)\)/g)].map((m) => m[1]!));
    expect(used.filter((name) => !defined.has(name))).toEqual([]);
  });
});
