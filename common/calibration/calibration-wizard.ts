import { z } from 'zod';
import { DeviceKind, DeviceModelFields } from '../devices/device-status';
import {
  CalibrationQuantity,
  CalibrationReference,
  CalibrationResult,
  LeakTestResult,
  MeasuredPoint,
} from './calibration-record';

/**
 * The technician's calibration wizard as the touchscreen sees it: the kiosk (main) holds the
 * wizard and decides every verdict; the screens render this view and send intentions, as the
 * patient flow does with FlowView.
 */

/**
 * reference: the reference instrument and its certificate; points: each setting in turn;
 * leak-test: the line held at the test pressure; review: every verdict, to record or abandon;
 * recorded: written to the register, certificate ready.
 */
export const CalibrationStep = z.enum(['reference', 'points', 'leak-test', 'review', 'recorded']);
export type CalibrationStep = z.infer<typeof CalibrationStep>;

/**
 * What stopped the last intention (translated as `calibration.problem.<code>`); nothing advanced:
 * - implausible-reference: the reference's value is too far from the point aimed at, or outside
 *   any plausible range;
 * - implausible-display: a value the device's display cannot show (typed off it);
 * - no-reading: the device gave no usable reading in time (the probe not in place, the stream
 *   stopped); retry once it is in place, or abandon;
 * - implausible-leak: the end of the hold reads higher than its start, or the start is not the test pressure;
 * - reference-expired: the reference's own certificate has run out;
 * - hold-not-over: the hold time has not passed yet;
 * - device-unplugged: the device left its USB port (the values taken so far are dropped: it may
 *   come back as another unit); retry once it is back, or abandon;
 * - record-failed: the register could not be written (nothing of the check was kept).
 */
export const CalibrationProblemCode = z.enum([
  'implausible-reference',
  'implausible-display',
  'no-reading',
  'implausible-leak',
  'reference-expired',
  'hold-not-over',
  'device-unplugged',
  'record-failed',
]);
export type CalibrationProblemCode = z.infer<typeof CalibrationProblemCode>;

/** One quantity's rule as the screens state it. */
export const QuantityRuleView = z.object({
  quantity: CalibrationQuantity,
  unit: z.string(),
  tolerance: z.number(),
  /** The most the reference may read from the point aimed at. */
  referenceWindow: z.number(),
  /** What the device (and a reference) can read at all. */
  plausible: z.object({ min: z.number(), max: z.number() }),
  /** Decimals typed (0: whole units, 1: tenths). */
  decimals: z.number().int().min(0).max(2),
});
export type QuantityRuleView = z.infer<typeof QuantityRuleView>;

export const CalibrationProcedureView = z.object({
  method: z.enum(['static-pressure', 'reference-temperature', 'simulator-points']),
  /** 'check-mode-display': typed off the device; 'device-protocol': read by the kiosk from the device. */
  deviceReading: z.enum(['check-mode-display', 'device-protocol']),
  quantities: z.array(QuantityRuleView),
  /** Each setting of the reference, in order: the nominal value of every quantity checked there. */
  settings: z.array(z.array(z.object({ quantity: CalibrationQuantity, nominal: z.number() }))),
  leakTest: z.object({ pressureMmHg: z.number(), holdSeconds: z.number(), maxDropMmHg: z.number() }).nullable(),
});
export type CalibrationProcedureView = z.infer<typeof CalibrationProcedureView>;

export const CalibrationWizardView = z.object({
  wizardId: z.uuid(),
  deviceId: z.string(),
  ...DeviceModelFields,
  kind: DeviceKind,
  serialNumber: z.string().nullable(),
  technician: z.string(),
  step: CalibrationStep,
  /** The procedure as the screens state it: settings, tolerances, plausible values, leak test. */
  procedure: CalibrationProcedureView,
  reference: CalibrationReference.nullable(),
  /** The quantities checked so far, setting after setting. */
  points: z.array(MeasuredPoint),
  /** The index of the next setting to check (step `points`), else null. */
  currentSetting: z.number().int().nullable(),
  /** True while the wizard waits for the device's own reading of the current setting. */
  reading: z.boolean(),
  leak: z.object({
    startMmHg: z.number().nullable(),
    /** When the hold may end (ISO); null before it started. */
    holdUntil: z.string().nullable(),
    holdOver: z.boolean(),
    result: LeakTestResult.nullable(),
  }),
  /** The overall verdict once every check is done. */
  result: CalibrationResult.nullable(),
  /** When the next check falls due if this one is recorded as passed (ISO), else null. */
  validUntil: z.string().nullable(),
  problem: z.object({ code: CalibrationProblemCode, detail: z.string() }).nullable(),
  /** The device is on its port (a check cannot go on while it is away). */
  deviceConnected: z.boolean(),
  recorded: z.object({ calibrationId: z.uuid(), certificateNumber: z.string() }).nullable(),
});
export type CalibrationWizardView = z.infer<typeof CalibrationWizardView>;

const Mmhg = z.number().int().min(-1000).max(1000);
/** Typed values of one setting, per quantity (out-of-range values are answered as problems). */
const Values = z.partialRecord(CalibrationQuantity, z.number().min(-1000).max(1000));

/** What the technician does in the wizard. Out-of-range numbers are answered as problems, not refused. */
export const CalibrationIntention = z.discriminatedUnion('type', [
  z.object({ type: z.literal('REFERENCE'), reference: CalibrationReference }).strict(),
  /**
   * The current setting: the reference's value of each quantity, and the device's when it is typed
   * off its display; when the device is read through its protocol the kiosk reads it then.
   */
  z.object({ type: z.literal('POINT'), reference: Values, device: Values.optional() }).strict(),
  z.object({ type: z.literal('LEAK_START'), startMmHg: Mmhg }).strict(),
  z.object({ type: z.literal('LEAK_END'), endMmHg: Mmhg }).strict(),
  /** After a problem: goes on if the device is there (after an unplug, from the first point). */
  z.object({ type: z.literal('RETRY') }).strict(),
  /** Writes the reviewed check to the register. */
  z.object({ type: z.literal('RECORD') }).strict(),
]);
export type CalibrationIntention = z.infer<typeof CalibrationIntention>;

export const StartCalibrationRequest = z
  .object({
    /** Only the device: main takes the technician from the signed-in account, never from the screen. */
    deviceId: z.string().min(1).max(40),
  })
  .strict();

/** The certificate of a recorded check, as a file the screens can offer for download. */
export const CalibrationCertificateFile = z.object({
  fileName: z.string(),
  /** The PDF, base64. */
  pdfBase64: z.string(),
});
