import { describe, expect, it } from 'vitest';

/**
 * The style sheets of every browser app as text (Vite's glob: no Node file system in a browser
 * folder): the doctor's console, the kiosk's screens, the pharmacy portal and the shared components.
 */
const APPS = {
  console: import.meta.glob<string>('../../console/styles/*.css', { query: '?raw', import: 'default', eager: true }),
  kiosk: import.meta.glob<string>('../../renderer/**/*.css', { query: '?raw', import: 'default', eager: true }),
  portal: import.meta.glob<string>('../../portal/**/*.css', { query: '?raw', import: 'default', eager: true }),
  shared: import.meta.glob<string>(['../**/*.css', '!./tokens.css'], { query: '?raw', import: 'default', eager: true }),
};
const TOKENS = import.meta.glob<string>('./tokens.css', { query: '?raw', import: 'default', eager: true });

/** The declarations of a sheet, comments left out, each with its property. */
function declarations(css: string): { property: string; value: string }[] {
  return [...css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([\w-]+)\s*:\s*([^;{}]+);/g)].map((m) => ({
    property: m[1]!,
    value: m[2]!.trim(),
  }));
}

const COLOUR_LITERAL = /#[0-9a-f]{3,8}\b|\b(rgba?|hsla?)\(|\b(white|black|red|green|blue|gray|grey|yellow|orange)\b/i;
/** Properties whose value must be a token, whatever it is. */
const TOKEN_ONLY = /^(font-size|border-radius|box-shadow|font-family)$/;

/** Every declaration of an app's sheets that does not take its value from the tokens. */
function offenders(sheets: Record<string, string>): string[] {
  return Object.entries(sheets).flatMap(([file, css]) =>
    declarations(css)
      .filter(
        ({ property, value }) =>
          COLOUR_LITERAL.test(value) ||
          (TOKEN_ONLY.test(property) && !/^(var\(--|none$)/.test(value)) ||
          // An app's own custom property only renames a token (the kiosk's roles, swapped in high contrast).
          (property.startsWith('--') && !/^var\(--[\w-]+\)$/.test(value)),
      )
      .map(({ property, value }) => `${file}: ${property}: ${value}`),
  );
}

describe.each(Object.entries(APPS))("%s's styles", (app, sheets) => {
  it('take every colour, font size, font, radius and shadow from the design tokens', () => {
    expect(Object.keys(sheets).length, `${app} has style sheets`).toBeGreaterThan(0);
    expect(offenders(sheets)).toEqual([]);
  });

  it('name only tokens that exist (or their own renamings of them)', () => {
    const css = Object.values(sheets).join('\n');
    const defined = new Set([...`${Object.values(TOKENS)[0]!}\n${css}`.matchAll(/(--[\w-]+)\s*:/g)].map((m) => m[1]));
    const used = [...css.matchAll(/var\((--[\w-]+)/g)].map((m) => m[1]!);
    expect(used.filter((name) => !defined.has(name))).toEqual([]);
  });
});

describe("the console's styles", () => {
  it('are split into files', () => {
    expect(Object.keys(APPS.console).length).toBeGreaterThan(4);
  });
});
