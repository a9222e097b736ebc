import { z } from 'zod';
import { CalibrationState, DeviceModelFields } from './device-status';
import { MeasurementKind } from './kinds';

/**
 * Quality flags a device or the kiosk attaches to a reading. A reading with any flag in
 * UNUSABLE_FLAGS is not valid (its values are null); the others are warnings shown to the doctor.
 */
export const QualityFlag = z.enum([
  'finger-out',
  'probe-error',
  'sensor-off',
  'searching',
  'low-perfusion',
  'artifact',
  'out-of-track',
  'low-battery',
  'cuff-error',
  'movement',
  'irregular-heartbeat',
  'out-of-range',
  'no-record',
  'calibration-expired',
]);
export type QualityFlag = z.infer<typeof QualityFlag>;

export const UNUSABLE_FLAGS: ReadonlySet<QualityFlag> = new Set([
  'finger-out',
  'probe-error',
  'sensor-off',
  'searching',
  'cuff-error',
  'out-of-range',
  'no-record',
]);

const Common = {
  /** Stable id (UUID v4) given when the reading is first recorded; the platform dedups on it. */
  id: z.uuid(),
  deviceId: z.string(),
  ...DeviceModelFields,
  serialNumber: z.string().nullable(),
  /** ISO 8601 time the device took the reading (device clock when it has one, else receipt). */
  takenAt: z.iso.datetime({ offset: true }),
  flags: z.array(QualityFlag),
  /** False when a flag makes the values unusable; values are then null. */
  valid: z.boolean(),
  calibration: CalibrationState,
};

export const OximetryMeasurement = z.object({
  ...Common,
  kind: z.literal(MeasurementKind.enum.oximetry),
  /** Functional SpO2 in %, 0–100. */
  spo2: z.number().min(0).max(100).nullable(),
  /** Pulse rate in beats per minute. */
  pulseRate: z.number().min(0).max(350).nullable(),
  /** Perfusion index in %, when the device reports it. */
  perfusionIndex: z.number().min(0).max(100).nullable(),
});

export const TemperatureMeasurement = z.object({
  ...Common,
  kind: z.literal(MeasurementKind.enum.temperature),
  /** Body temperature in °C. */
  celsius: z.number().min(20).max(45).nullable(),
  site: z.enum(['oral', 'axillary', 'rectal', 'tympanic', 'forehead']).nullable(),
});

export const BloodPressureMeasurement = z.object({
  ...Common,
  kind: z.literal(MeasurementKind.enum['blood-pressure']),
  /** mmHg */
  systolic: z.number().min(0).max(300).nullable(),
  /** mmHg */
  diastolic: z.number().min(0).max(300).nullable(),
  /** mmHg, when the device reports it. */
  mean: z.number().min(0).max(300).nullable(),
  /** Pulse rate from the cuff, beats per minute. */
  pulseRate: z.number().min(0).max(350).nullable(),
});

// A kind added to kinds.ts without its schema here is a type error.
const SCHEMA_OF = {
  oximetry: OximetryMeasurement,
  temperature: TemperatureMeasurement,
  'blood-pressure': BloodPressureMeasurement,
} satisfies Record<MeasurementKind, z.ZodType>;

/** A recorded reading: what the store keeps, the platform receives and the doctor sees. */
export const Measurement = z.discriminatedUnion('kind', [
  SCHEMA_OF.oximetry,
  SCHEMA_OF.temperature,
  SCHEMA_OF['blood-pressure'],
]);
export type Measurement = z.infer<typeof Measurement>;

/**
 * A chunk of the oximeter's plethysmogram for the live waveform (not stored: it is lossy by design
 * and reaches the doctor over an unordered data channel). Values are normalised to 0–100.
 */
export const PlethChunk = z.object({
  deviceId: z.string(),
  /** Sample rate in Hz. */
  rateHz: z.number().positive(),
  /** Time of the first sample, ms since the epoch. */
  startedAt: z.number(),
  /**
   * When the chunk's last sample reached the driver, ms since the epoch: the live waveform's delay
   * is measured from it (bench/call.bench.ts). Not startedAt plus the nominal rate: a device's bytes
   * come in bursts, which made that estimate run ahead of the real arrival. Absent from older kiosks.
   */
  receivedAt: z.number().optional(),
  samples: z.array(z.number().min(0).max(100)),
});
export type PlethChunk = z.infer<typeof PlethChunk>;
