import { z } from 'zod';
import { DeviceKind, DeviceModelFields } from '../devices/device-status';
import { CalibrationReference, CalibrationResult, LeakTestResult, PressurePointResult } from './calibration-record';

/**
 * The technician's calibration wizard as the touchscreen sees it: the kiosk (main) holds the
 * wizard and decides every verdict; the screens render this view and send intentions, as the
 * patient flow does with FlowView.
 */

/**
 * reference: the reference manometer and its certificate; points: each static pressure in turn;
 * leak-test: the line held at the test pressure; review: every verdict, to record or abandon;
 * recorded: written to the register, certificate ready.
 */
export const CalibrationStep = z.enum(['reference', 'points', 'leak-test', 'review', 'recorded']);
export type CalibrationStep = z.infer<typeof CalibrationStep>;

/**
 * What stopped the last intention (translated as `calibration.problem.<code>`); nothing advanced:
 * - implausible-reference: the manometer's value is too far from the point aimed at;
 * - implausible-display: a value the cuff's display cannot show;
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
  'implausible-leak',
  'reference-expired',
  'hold-not-over',
  'device-unplugged',
  'record-failed',
]);
export type CalibrationProblemCode = z.infer<typeof CalibrationProblemCode>;

export const CalibrationWizardView = z.object({
  wizardId: z.uuid(),
  deviceId: z.string(),
  ...DeviceModelFields,
  kind: DeviceKind,
  serialNumber: z.string().nullable(),
  technician: z.string(),
  step: CalibrationStep,
  /** The procedure as the screens state it: points, tolerance, plausible values, leak test. */
  procedure: z.object({
    pointsMmHg: z.array(z.number()),
    toleranceMmHg: z.number(),
    referenceWindowMmHg: z.number(),
    displayRangeMmHg: z.object({ min: z.number(), max: z.number() }),
    leakTest: z.object({ pressureMmHg: z.number(), holdSeconds: z.number(), maxDropMmHg: z.number() }),
  }),
  reference: CalibrationReference.nullable(),
  /** The points checked so far, in order. */
  points: z.array(PressurePointResult),
  /** The next point to check (step `points`), else null. */
  currentPointMmHg: z.number().nullable(),
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

/** What the technician does in the wizard. Out-of-range numbers are answered as problems, not refused. */
export const CalibrationIntention = z.discriminatedUnion('type', [
  z.object({ type: z.literal('REFERENCE'), reference: CalibrationReference }).strict(),
  z.object({ type: z.literal('POINT'), referenceMmHg: Mmhg, deviceMmHg: Mmhg }).strict(),
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
    deviceId: z.string().min(1).max(40),
    /** The technician's name or badge, printed on the certificate. */
    technician: z.string().trim().min(2).max(80),
  })
  .strict();

/** The certificate of a recorded check, as a file the screens can offer for download. */
export const CalibrationCertificateFile = z.object({
  fileName: z.string(),
  /** The PDF, base64. */
  pdfBase64: z.string(),
});
