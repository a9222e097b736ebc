import { readFileSync, writeFileSync } from 'node:fs';
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

/** A table cell's text: one line (a Markdown row cannot hold a line break), pipes escaped. */
export const markdownCell = (c: string) => c.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');

/** The figures as a Markdown table, for BENCHMARKS.md. */
export function markdownTable(figures: readonly Figure[]): string {
  const escape = markdownCell;
  return (
    [
      `| ${HEADER.join(' | ')} |`,
      `|${HEADER.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
      ...figures.map((f) => `| ${cells(f).map(escape).join(' | ')} |`),
    ].join('\n') + '\n'
  );
}

/**
 * Replaces what lies between the markers `start` and `end` of the Markdown page `file` with `content`
 * (the rest of the page is hand-written and kept). Throws when the markers are missing, rather than
 * guessing where to write.
 */
export function rewriteSection(file: string, start: string, end: string, content: string): void {
  const page = readFileSync(file, 'utf8');
  const from = page.indexOf(start);
  const to = page.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${file} lacks the markers "${start}" … "${end}"`);
  const text = page.slice(0, from + start.length) + '\n' + content + page.slice(to);
  writeFileSync(file, text);
}
