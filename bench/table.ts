import { describeGoal, formatNumber, ratioOf, verdictOf, type Figure } from './figure';

const HEADER = ['figure', 'ours', 'baseline', 'ratio', 'goal', 'verdict'] as const;

function cells(figure: Figure): string[] {
  const ratio = ratioOf(figure);
  const value = (n: number | null) => (n === null ? '—' : `${formatNumber(n)} ${figure.unit}`);
  const ours = figure.ours === null ? (figure.note ?? 'not measured') : value(figure.ours);
  return [
    figure.name,
    ours,
    value(figure.baseline),
    ratio === null ? '—' : `${formatNumber(ratio)}×`,
    describeGoal(figure),
    verdictOf(figure),
  ];
}

/** The figures as one fixed-width text table, for the terminal. */
export function textTable(figures: readonly Figure[]): string {
  const rows = [[...HEADER], ...figures.map(cells)];
  const widths = HEADER.map((_, i) => Math.max(...rows.map((r) => [...r[i]!].length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(rows[0]!), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n') + '\n';
}

/** The figures as a Markdown table, for BENCHMARKS.md. */
export function markdownTable(figures: readonly Figure[]): string {
  const escape = (c: string) => c.replace(/\|/g, '\\|');
  return (
    [
      `| ${HEADER.join(' | ')} |`,
      `|${HEADER.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
      ...figures.map((f) => `| ${cells(f).map(escape).join(' | ')} |`),
    ].join('\n') + '\n'
  );
}

export const TABLE_START = '<!-- bench table: written by npm run bench -->';
export const TABLE_END = '<!-- end of bench table -->';

/**
 * Replaces what lies between the two markers of `document` with `table` (the rest of the page is
 * hand-written and kept). Throws when the markers are missing, rather than guessing where to write.
 */
export function replaceTable(document: string, table: string): string {
  const start = document.indexOf(TABLE_START);
  const end = document.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`BENCHMARKS.md lacks the markers "${TABLE_START}" … "${TABLE_END}"`);
  return document.slice(0, start + TABLE_START.length) + '\n' + table + document.slice(end);
}
