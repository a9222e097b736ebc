import { z } from 'zod';
import { DeviceModelFields } from '../devices/device-status';

/**
 * One calibration check of one device as the maintenance register keeps it, the platform receives
 * it (through the outbox) and the certificate prints it. Written once, when the technician records
 * the check: never a half-done check (CSP R5212-25 to 28, the register kept five years).
 */

const isoTime = z.iso.datetime({ offset: true });

/** Free text a technician types on the kiosk's keyboard: trimmed, printable, bounded. */
const typed = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'required')
    .max(max, `at most ${max} characters`)
    .regex(/^[^\p{Cc}]*$/u, 'no control characters');

/** The reference instrument the device was checked against, traceable through its own certificate. */
export const CalibrationReference = z.object({
  /** What it is, e.g. "Manomètre Fluke 700G". */
  instrument: typed(80),
  serialNumber: typed(64),
  /** The number of the reference's own calibration certificate. */
  certificateNumber: typed(64),
  /** The day its own certificate runs out (YYYY-MM-DD): an expired reference certifies nothing. */
  certificateValidUntil: z.iso.date(),
});
export type CalibrationReference = z.infer<typeof CalibrationReference>;

/** One static pressure: the reference manometer's reading, the cuff's, and the verdict. */
export const PressurePointResult = z.object({
  /** The point aimed at (one of the procedure's points). */
  nominalMmHg: z.number().int().min(0).max(300),
  referenceMmHg: z.number().int().min(0).max(320),
  deviceMmHg: z.number().int().min(0).max(320),
  /** deviceMmHg − referenceMmHg. */
  errorMmHg: z.number().int(),
  toleranceMmHg: z.number().positive(),
  passed: z.boolean(),
});
export type PressurePointResult = z.infer<typeof PressurePointResult>;

/** The pneumatic system's leak: the reference's reading at the start and the end of the hold. */
export const LeakTestResult = z.object({
  startMmHg: z.number().int().min(0).max(320),
  endMmHg: z.number().int().min(0).max(320),
  /** How long the kiosk's clock saw the pressure held. */
  heldSeconds: z.number().int().min(1),
  dropMmHg: z.number().int(),
  /** The most the line may lose over `heldSeconds` (the procedure's limit, pro rata). */
  maxDropMmHg: z.number().min(0),
  passed: z.boolean(),
});
export type LeakTestResult = z.infer<typeof LeakTestResult>;

export const CalibrationResult = z.enum(['passed', 'failed']);
export type CalibrationResult = z.infer<typeof CalibrationResult>;

/** What a calibration point checks: one quantity the device measures, in its unit. */
export const CalibrationQuantity = z.enum(['pressure', 'temperature', 'spo2', 'pulse-rate']);
export type CalibrationQuantity = z.infer<typeof CalibrationQuantity>;
export const QUANTITY_UNIT: Record<CalibrationQuantity, string> = {
  pressure: 'mmHg',
  temperature: '°C',
  spo2: '%',
  'pulse-rate': 'bpm',
};

/**
 * One quantity checked at one setting of the reference (a static pressure, a bath temperature, a
 * patient simulator's SpO2 or pulse): the wizard's one row shape for every kind of device.
 */
export const MeasuredPoint = z.object({
  /** Which of the procedure's settings (0-based): an oximeter setting checks SpO2 and pulse. */
  setting: z.number().int().min(0).max(20),
  quantity: CalibrationQuantity,
  nominal: z.number(),
  reference: z.number(),
  device: z.number(),
  /** device − reference, rounded to the quantity's resolution. */
  error: z.number(),
  tolerance: z.number().positive(),
  passed: z.boolean(),
});
export type MeasuredPoint = z.infer<typeof MeasuredPoint>;

const checkFields = {
  /** Stable id (UUID): the register's key and the outbox item's, so the platform stores it once. */
  id: z.uuid(),
  /** Printed on the certificate, e.g. "CAL-20261105-1A2B3C4D". */
  certificateNumber: z.string().regex(/^CAL-\d{8}-[0-9A-F]{8}$/),
  kioskId: z.string().min(1).max(64),
  deviceId: z.string().min(1).max(40),
  ...DeviceModelFields,
  serialNumber: z.string().max(64).nullable(),
  /** The signed-in technician: "name (identifier)" (technicianOfRecord), as the certificate prints it. */
  technician: typed(170),
  reference: CalibrationReference,
  result: CalibrationResult,
  performedAt: isoTime,
  /** When the next check is due; null for a failed check (the device is out of service until one passes). */
  validUntil: isoTime.nullable(),
};

/** A blood-pressure monitor's check against a reference manometer (values typed off its display). */
export const PressureCalibrationRecord = z.object({
  ...checkFields,
  method: z.literal('static-pressure'),
  /** Where the device's values came from (see the catalogue's procedure). */
  deviceReading: z.literal('check-mode-display'),
  points: z.array(PressurePointResult).min(1).max(20),
  leakTest: LeakTestResult,
});

/** A thermometer's check in a reference bath; the device's values read through its protocol. */
export const TemperatureCalibrationRecord = z.object({
  ...checkFields,
  method: z.literal('reference-temperature'),
  deviceReading: z.literal('device-protocol'),
  points: z.array(MeasuredPoint).min(1).max(20),
});

/** An oximeter's check against a patient simulator; the device's values read through its protocol. */
export const OximeterCalibrationRecord = z.object({
  ...checkFields,
  method: z.literal('simulator-points'),
  deviceReading: z.literal('device-protocol'),
  points: z.array(MeasuredPoint).min(1).max(20),
});

export const CalibrationRecord = z.discriminatedUnion('method', [
  PressureCalibrationRecord,
  TemperatureCalibrationRecord,
  OximeterCalibrationRecord,
]);
export type CalibrationRecord = z.infer<typeof CalibrationRecord>;

/**
 * How a calibration names its technician in the register, the certificate and the platform's copy:
 * the account's name for people, its identifier so the line traces to one account.
 */
export function technicianOfRecord(account: { id: string; name: string }): string {
  return `${account.name} (${account.id})`;
}
