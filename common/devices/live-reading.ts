import { z } from 'zod';
import { MeasurementKind } from './kinds';
import { QualityFlag } from './measurement';

/**
 * What a device shows while a measurement is under way (not stored): the oximeter's running SpO2
 * and pulse, the cuff's pressure as it inflates, the thermometer's predictive value. The screens and
 * the doctor's panel show it; the recorded value is the `Measurement` that follows.
 */
export const LiveReading = z.object({
  deviceId: z.string(),
  kind: MeasurementKind,
  /** ms since the epoch. */
  at: z.number(),
  spo2: z.number().nullable().optional(),
  pulseRate: z.number().nullable().optional(),
  celsius: z.number().nullable().optional(),
  /** Cuff pressure in mmHg while inflating/deflating. */
  cuffPressure: z.number().nullable().optional(),
  flags: z.array(QualityFlag),
  /** For a spot check: 0–1 progress towards a stable reading (oximeter hold time, cuff cycle). */
  progress: z.number().min(0).max(1).nullable(),
});
export type LiveReading = z.infer<typeof LiveReading>;
