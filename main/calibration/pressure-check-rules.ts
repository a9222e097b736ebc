import type {
  CalibrationReference,
  CalibrationResult,
  LeakTestResult,
  PressurePointResult,
} from '../../common/calibration/calibration-record';
import type { CalibrationProblemCode } from '../../common/calibration/calibration-wizard';
import type { BLOOD_PRESSURE_CALIBRATION } from '../../drivers/catalogue/calibration-procedures';

/**
 * The rules of the blood-pressure check, pure: what a typed value may be, each point's and the
 * leak test's verdict, and the overall one. The wizard (calibration-wizard.ts) applies them; the
 * procedure's numbers come from the device catalogue.
 */
export type PressureProcedure = typeof BLOOD_PRESSURE_CALIBRATION;

/** A typed value refused, with the technician-facing reason. */
export interface Refusal {
  code: CalibrationProblemCode;
  detail: string;
}

/** The reference instrument is usable on `today` (YYYY-MM-DD) when its own certificate still runs. */
export function checkReference(reference: CalibrationReference, today: string): Refusal | null {
  if (reference.certificateValidUntil < today)
    return {
      code: 'reference-expired',
      detail: `the reference's certificate ${reference.certificateNumber} ran out on ${reference.certificateValidUntil}`,
    };
  return null;
}

/**
 * One static point: the reference manometer must read near the point aimed at (else a typing slip
 * or the wrong point) and the cuff's value must be one its display can show. Then the error is the
 * cuff's reading minus the reference's, within ± tolerance to pass.
 */
export function evaluatePoint(
  procedure: PressureProcedure,
  nominalMmHg: number,
  referenceMmHg: number,
  deviceMmHg: number,
): PressurePointResult | Refusal {
  if (Math.abs(referenceMmHg - nominalMmHg) > procedure.referenceWindowMmHg)
    return {
      code: 'implausible-reference',
      detail: `reference ${referenceMmHg} mmHg is more than ${procedure.referenceWindowMmHg} mmHg from the ${nominalMmHg} mmHg point`,
    };
  const { min, max } = procedure.displayRangeMmHg;
  if (deviceMmHg < min || deviceMmHg > max)
    return {
      code: 'implausible-display',
      detail: `the cuff's display shows ${min}–${max} mmHg, not ${deviceMmHg}`,
    };
  const errorMmHg = deviceMmHg - referenceMmHg;
  return {
    nominalMmHg,
    referenceMmHg,
    deviceMmHg,
    errorMmHg,
    toleranceMmHg: procedure.toleranceMmHg,
    passed: Math.abs(errorMmHg) <= procedure.toleranceMmHg,
  };
}

/** The start of the hold: the reference must read near the test pressure. */
export function checkLeakStart(procedure: PressureProcedure, startMmHg: number): Refusal | null {
  const target = procedure.leakTest.pressureMmHg;
  if (Math.abs(startMmHg - target) > procedure.referenceWindowMmHg)
    return {
      code: 'implausible-leak',
      detail: `the hold starts at ${target} mmHg (±${procedure.referenceWindowMmHg}), not ${startMmHg}`,
    };
  return null;
}

/**
 * The end of the hold: the line may lose at most the procedure's drop, pro rata for the time the
 * kiosk's clock saw it held (a longer hold allows as much per minute, not more in total). A line
 * that gained pressure was not left alone: refused, to be redone.
 */
export function evaluateLeak(
  procedure: PressureProcedure,
  startMmHg: number,
  endMmHg: number,
  heldMs: number,
): LeakTestResult | Refusal {
  if (endMmHg > startMmHg)
    return {
      code: 'implausible-leak',
      detail: `the pressure rose from ${startMmHg} to ${endMmHg} mmHg: the line was pumped during the hold`,
    };
  const heldSeconds = Math.max(1, Math.round(heldMs / 1000));
  const { holdSeconds, maxDropMmHg } = procedure.leakTest;
  const allowed = Math.round(((maxDropMmHg * heldSeconds) / holdSeconds) * 10) / 10;
  const dropMmHg = startMmHg - endMmHg;
  return { startMmHg, endMmHg, heldSeconds, dropMmHg, maxDropMmHg: allowed, passed: dropMmHg <= allowed };
}

/** Passed only when every point and the leak test passed. */
export function overallResult(points: readonly PressurePointResult[], leak: LeakTestResult): CalibrationResult {
  return points.length > 0 && points.every((p) => p.passed) && leak.passed ? 'passed' : 'failed';
}

export function isRefusal(value: object): value is Refusal {
  return 'code' in value;
}
