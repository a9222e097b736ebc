import { assertUnreachable } from '../common/util/assert-unreachable';

/**
 * One row of the benchmark table: our figure beside a baseline measured in the same run, and the
 * goal it is judged against. Every bench returns its rows in this shape (plus free-form details
 * kept in the results file), so `npm run bench` can print them side by side.
 */
export type Goal =
  /** ours / baseline must stay at or under `max` (e.g. accept → first frame ≤ 1.2× bare mediasoup). */
  | { kind: 'ratio'; max: number }
  /** ours must stay at or under `max`, in the figure's unit (e.g. outbox drain < 5 s). */
  | { kind: 'at-most'; max: number }
  /** ours must reach at least `min`, in the figure's unit. */
  | { kind: 'at-least'; min: number };

export interface Figure {
  /** What is measured, in words (the table's first column). */
  name: string;
  /** Our figure, or null when it could not be measured (`note` says why). */
  ours: number | null;
  /** The same thing done bare in the same run, or null when nothing comparable exists. */
  baseline: number | null;
  unit: string;
  /** Null when no goal is set for this figure: it is shown, not judged. */
  goal: Goal | null;
  /** Why a figure is missing, or how to read it. */
  note?: string;
}

export interface BenchResult {
  figures: Figure[];
  /** Every raw number the bench measured, for the results file. */
  details: Record<string, number | string>;
}

export type Bench = () => Promise<BenchResult>;

export type Verdict = 'pass' | 'FAIL' | 'no goal' | 'not measured';

export function ratioOf(figure: Figure): number | null {
  if (figure.ours === null || figure.baseline === null || figure.baseline === 0) return null;
  return figure.ours / figure.baseline;
}

export function verdictOf(figure: Figure): Verdict {
  if (figure.ours === null) return 'not measured';
  const goal = figure.goal;
  if (goal === null) return 'no goal';
  switch (goal.kind) {
    case 'ratio': {
      const ratio = ratioOf(figure);
      return ratio !== null && ratio <= goal.max ? 'pass' : 'FAIL';
    }
    case 'at-most':
      return figure.ours <= goal.max ? 'pass' : 'FAIL';
    case 'at-least':
      return figure.ours >= goal.min ? 'pass' : 'FAIL';
    default:
      return assertUnreachable(goal, 'goal');
  }
}

export function describeGoal(figure: Figure): string {
  const goal = figure.goal;
  if (goal === null) return '—';
  switch (goal.kind) {
    case 'ratio':
      return `≤ ${goal.max}× baseline`;
    case 'at-most':
      return `≤ ${goal.max} ${figure.unit}`;
    case 'at-least':
      return `≥ ${goal.min} ${figure.unit}`;
    default:
      return assertUnreachable(goal, 'goal');
  }
}

/** Whole numbers from 100 up, two or three significant digits below, never exponent notation. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs < 1) return value.toLocaleString('en', { maximumSignificantDigits: 3 });
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return value.toLocaleString('en', { maximumFractionDigits: digits });
}

/** The nearest-rank percentile of `values` (unsorted); NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
