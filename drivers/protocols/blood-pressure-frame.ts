import { UNUSABLE_FLAGS, type QualityFlag } from '../../common/devices/measurement';
import type { DecodedFrame } from './types';

export type BloodPressureFrame = Extract<DecodedFrame, { type: 'blood-pressure' }>;

/**
 * What a cuff reading must fall in to be reported as valid, whatever the record's bytes allow (a
 * byte goes to 255, the 7322U stores SYS − 25 so up to 280). Wider than any Omron home monitor's
 * display range, narrower than nonsense; the pulse range is the one every device shares.
 */
export const BLOOD_PRESSURE_RANGE = {
  systolic: { min: 50, max: 280 },
  diastolic: { min: 20, max: 200 },
  pulseRate: { min: 20, max: 300 },
} as const;

const inRange = (value: number, range: { min: number; max: number }) =>
  Number.isInteger(value) && value >= range.min && value <= range.max;

/**
 * Builds a blood-pressure frame with the shared rules: values outside BLOOD_PRESSURE_RANGE, or a
 * diastolic not below the systolic, add 'out-of-range'; any unusable flag makes the frame invalid
 * with null values. `takenAt` is the device's own clock (ISO 8601 without zone) or null.
 */
export function bloodPressureFrame(input: {
  systolic: number;
  diastolic: number;
  pulseRate: number;
  takenAt: string | null;
  flags: readonly QualityFlag[];
  raw: Uint8Array;
}): BloodPressureFrame {
  const flags = [...new Set(input.flags)];
  const plausible =
    inRange(input.systolic, BLOOD_PRESSURE_RANGE.systolic) &&
    inRange(input.diastolic, BLOOD_PRESSURE_RANGE.diastolic) &&
    inRange(input.pulseRate, BLOOD_PRESSURE_RANGE.pulseRate) &&
    input.diastolic < input.systolic;
  if (!plausible && !flags.some((f) => UNUSABLE_FLAGS.has(f))) flags.push('out-of-range');
  const valid = !flags.some((f) => UNUSABLE_FLAGS.has(f));
  return {
    type: 'blood-pressure',
    systolic: valid ? input.systolic : null,
    diastolic: valid ? input.diastolic : null,
    mean: null,
    pulseRate: valid ? input.pulseRate : null,
    takenAt: input.takenAt,
    flags,
    valid,
    raw: input.raw,
  };
}

/** A time as a device's clock holds it: local, month 1–12, no zone. */
export interface DeviceClockFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/**
 * The frame for a memory record that holds no reading: one of the wrong length (truncated), or an
 * empty slot (Omron fills one with FF, so it starts FF FF FF). Null for a record to decode.
 */
export function unreadableRecord(record: Uint8Array, length: number): DecodedFrame | null {
  if (record.length !== length) return { type: 'error', reason: 'truncated', raw: record.slice() };
  if (record[0] === 0xff && record[1] === 0xff && record[2] === 0xff)
    return { type: 'status', status: 'empty-record', detail: {}, raw: record.slice() };
  return null;
}

/**
 * "YYYY-MM-DDTHH:mm:ss" from a device's clock fields, or null when they are not a real date and
 * time (a corrupt or erased record): 2023-02-30 is refused, not rolled over to March.
 */
export function deviceLocalTime({ year, month, day, hour, minute, second }: DeviceClockFields): string | null {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(year, 4)}-${p(month)}-${p(day)}T${p(hour)}:${p(minute)}:${p(second)}`;
}

/**
 * A device-local "YYYY-MM-DDTHH:mm:ss" as an instant (ms), read in the kiosk's time zone: the cuff's
 * clock is set to the pharmacy's local time, which is the kiosk's. NaN when not parseable.
 */
export function deviceLocalToEpochMs(local: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(local);
  if (m === null) return Number.NaN;
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = m.slice(1).map(Number);
  return new Date(year, month - 1, day, hour, minute, second).getTime();
}
