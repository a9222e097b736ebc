import { UNUSABLE_FLAGS, type QualityFlag } from '../../common/devices/measurement';
import type { DecodedFrame } from './types';

export type OximetryFrame = Extract<DecodedFrame, { type: 'oximetry' }>;
export type TemperatureFrame = Extract<DecodedFrame, { type: 'temperature' }>;
export type StatusFrame = Extract<DecodedFrame, { type: 'status' }>;

/**
 * Physiological ranges a value must fall in to be reported as valid, whatever the wire allows
 * (a legacy Contec byte can say SpO2 127 %; a Nonin HR field goes to 510 bpm).
 */
export const PHYSIOLOGICAL_RANGE = {
  spo2: { min: 0, max: 100 },
  pulseRate: { min: 20, max: 300 },
  perfusionIndex: { min: 0, max: 100 },
  celsius: { min: 25, max: 45 },
} as const;

const inRange = (value: number, range: { min: number; max: number }) =>
  Number.isFinite(value) && value >= range.min && value <= range.max;

const hasUnusable = (flags: readonly QualityFlag[]) => flags.some((f) => UNUSABLE_FLAGS.has(f));

/**
 * Builds an oximetry frame with the rules every protocol shares: flags deduplicated; a missing
 * SpO2 or pulse without any flag explaining it means the device is still looking for a pulse
 * ('searching'); a value outside PHYSIOLOGICAL_RANGE adds 'out-of-range'; any UNUSABLE flag makes
 * the frame invalid with null values. Pleth samples are kept whatever the flags.
 */
export function oximetryFrame(input: {
  spo2: number | null;
  pulseRate: number | null;
  perfusionIndex: number | null;
  pleth: number[];
  flags: readonly QualityFlag[];
  raw: Uint8Array;
}): OximetryFrame {
  const flags = [...new Set(input.flags)];
  if (!hasUnusable(flags)) {
    if (input.spo2 === null || input.pulseRate === null) flags.push('searching');
    else if (
      !inRange(input.spo2, PHYSIOLOGICAL_RANGE.spo2) ||
      !inRange(input.pulseRate, PHYSIOLOGICAL_RANGE.pulseRate) ||
      (input.perfusionIndex !== null && !inRange(input.perfusionIndex, PHYSIOLOGICAL_RANGE.perfusionIndex))
    )
      flags.push('out-of-range');
  }
  const valid = !hasUnusable(flags);
  return {
    type: 'oximetry',
    spo2: valid ? input.spo2 : null,
    pulseRate: valid ? input.pulseRate : null,
    perfusionIndex: valid ? input.perfusionIndex : null,
    pleth: input.pleth,
    flags,
    valid,
    raw: input.raw,
  };
}

/** Same rules for a temperature: null means no value (invalid), outside 25–45 °C adds 'out-of-range'. */
export function temperatureFrame(input: {
  celsius: number | null;
  final: boolean;
  flags: readonly QualityFlag[];
  raw: Uint8Array;
}): TemperatureFrame {
  const flags = [...new Set(input.flags)];
  if (!hasUnusable(flags) && (input.celsius === null || !inRange(input.celsius, PHYSIOLOGICAL_RANGE.celsius)))
    flags.push('out-of-range');
  const valid = !hasUnusable(flags);
  return {
    type: 'temperature',
    celsius: valid ? input.celsius : null,
    final: input.final,
    flags,
    valid,
    raw: input.raw,
  };
}

/** Scales a raw pleth sample (0…max) to the 0–100 the UI draws, two decimals. */
export function normalisePleth(sample: number, max: number): number {
  const v = Math.min(Math.max(sample / max, 0), 1) * 100;
  return Math.round(v * 100) / 100;
}

export function toHex(bytes: Uint8Array, separator = ' '): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0').toUpperCase()).join(separator);
}

/** Parses "C4 35 06" / "c43506" / "C4:35:06"; null when not an even number of hex digits. */
export function parseHex(text: string): Uint8Array | null {
  const compact = text.replace(/[\s:]/g, '').replace(/^0x/i, '');
  if (compact.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(compact)) return null;
  const out = new Uint8Array(compact.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(compact.slice(i * 2, i * 2 + 2), 16);
  return out;
}
