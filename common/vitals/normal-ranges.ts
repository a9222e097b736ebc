/**
 * The normal resting ranges of an adult, against which a reading is flagged for the doctor (a
 * flag draws the eye; it decides nothing). Bounds are inclusive: a value below `low` is flagged
 * low, above `high` high. This is the one table of them: the console and any report read it here.
 *
 * | sign        | normal      | source |
 * |-------------|-------------|--------|
 * | SpO2        | 96–100 %    | NEWS2, SpO2 scale 1, score 0 (Royal College of Physicians, *National Early Warning Score 2*, 2017) |
 * | pulse       | 51–90 /min  | NEWS2, pulse, score 0 |
 * | temperature | 36.1–38.0 °C| NEWS2, temperature, score 0 |
 * | systolic    | 90–139 mmHg | 2023 ESH Guidelines for the management of arterial hypertension (office hypertension ≥ 140); NHS, "Low blood pressure (hypotension)" (< 90) |
 * | diastolic   | 60–89 mmHg  | 2023 ESH Guidelines (office hypertension ≥ 90); NHS, "Low blood pressure (hypotension)" (< 60) |
 *
 * NEWS2 is the early-warning score European wards use for adults: its score-0 bands are the values
 * that need no attention. Its systolic band (111–219) is meant for acute deterioration and would
 * let hypertension pass, hence the ESH classification for blood pressure.
 */
export interface NormalRange {
  low: number;
  high: number;
  unit: string;
  source: string;
}

export const NORMAL_ADULT_RANGES = {
  spo2: { low: 96, high: 100, unit: '%', source: 'NEWS2 (RCP, 2017), SpO2 scale 1' },
  pulseRate: { low: 51, high: 90, unit: '/min', source: 'NEWS2 (RCP, 2017)' },
  celsius: { low: 36.1, high: 38.0, unit: '°C', source: 'NEWS2 (RCP, 2017)' },
  systolic: { low: 90, high: 139, unit: 'mmHg', source: 'ESH 2023 guidelines; NHS hypotension' },
  diastolic: { low: 60, high: 89, unit: 'mmHg', source: 'ESH 2023 guidelines; NHS hypotension' },
} as const satisfies Record<string, NormalRange>;

export type VitalSign = keyof typeof NORMAL_ADULT_RANGES;
export type RangeFlag = 'low' | 'high';

/** 'low' or 'high' when the value lies outside the sign's normal adult range; null inside it or with no value. */
export function rangeFlag(sign: VitalSign, value: number | null | undefined): RangeFlag | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const { low, high } = NORMAL_ADULT_RANGES[sign];
  if (value < low) return 'low';
  if (value > high) return 'high';
  return null;
}
