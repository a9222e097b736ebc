import { z } from 'zod';
import type { DeviceKind } from './device-status';

/** What a doctor can ask for and a device records. */
export const MeasurementKind = z.enum(['oximetry', 'temperature', 'blood-pressure']);
export type MeasurementKind = z.infer<typeof MeasurementKind>;

/** The kind of device that takes each kind of measurement. */
export const DEVICE_KIND_FOR: Readonly<Record<MeasurementKind, DeviceKind>> = {
  oximetry: 'oximeter',
  temperature: 'thermometer',
  'blood-pressure': 'blood-pressure',
};

/**
 * The measurement a kind of device takes; null for the card reader and the stethoscope, which take
 * none (the stethoscope's sound is streamed to the doctor, common/auscultation).
 */
export function measurementKindOf(kind: DeviceKind): MeasurementKind | null {
  return MeasurementKind.options.find((measurement) => DEVICE_KIND_FOR[measurement] === kind) ?? null;
}
