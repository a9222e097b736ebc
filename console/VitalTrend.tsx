import { NORMAL_ADULT_RANGES, type VitalSign } from '../common/vitals/normal-ranges';
import { formatTime, formatValue } from './format';
import { useLang } from './i18n';

export interface TrendSeries {
  sign: VitalSign;
  /** What the series is, in the doctor's language ("SpO2", "Systolique"…), for the text version. */
  name: string;
  /** The consultation's final readings of this sign, oldest first (console-clock ms). */
  points: { at: number; value: number }[];
}

const WIDTH = 160;
const HEIGHT = 40;
const PAD = 4;

/**
 * A small line of the consultation's readings, one per series, each on its own scale widened to
 * its normal adult range (shaded for the first series) so a flat normal line reads as normal. The
 * same readings are in the label as text, for screen readers and for anyone who does not read lines.
 */
export function VitalTrend({ series, label, testId }: { series: TrendSeries[]; label: string; testId: string }) {
  const lang = useLang();
  const count = Math.max(0, ...series.map((s) => s.points.length));
  if (count === 0) return null;
  const all = series.flatMap((s) => s.points.map((p) => p.at));
  const t0 = Math.min(...all);
  const span = Math.max(1, Math.max(...all) - t0);
  const x = (at: number) => (count === 1 ? WIDTH / 2 : PAD + ((at - t0) / span) * (WIDTH - 2 * PAD));
  const text = series
    .map(
      (s) =>
        `${s.name}: ${s.points.map((p) => `${formatValue(p.value, Number.isInteger(p.value) ? 0 : 1, lang)} (${formatTime(p.at)})`).join(', ')}`,
    )
    .join('; ');
  return (
    <figure className="trend" data-testid={testId} data-count={count}>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT} role="img" aria-label={`${label}: ${text}`}>
        {series.map((s, i) => {
          const range = NORMAL_ADULT_RANGES[s.sign];
          const values = s.points.map((p) => p.value);
          const low = Math.min(range.low, ...values);
          const high = Math.max(range.high, ...values);
          const y = (v: number) => HEIGHT - PAD - ((v - low) / Math.max(1e-9, high - low)) * (HEIGHT - 2 * PAD);
          return (
            <g key={s.sign} className={`trend-series trend-${i}`}>
              {i === 0 && (
                <rect
                  className="trend-normal"
                  x={0}
                  width={WIDTH}
                  y={y(range.high)}
                  height={Math.max(0, y(range.low) - y(range.high))}
                />
              )}
              <polyline fill="none" points={s.points.map((p) => `${x(p.at)},${y(p.value)}`).join(' ')} />
              {s.points.map((p) => (
                <circle key={p.at} cx={x(p.at)} cy={y(p.value)} r={2.5} />
              ))}
            </g>
          );
        })}
      </svg>
      <figcaption className="sr-only">{label}</figcaption>
    </figure>
  );
}
