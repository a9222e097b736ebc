import type { CalibrationReference, LeakTestResult } from '../../common/calibration/calibration-record';
import type { CalibrationProblemCode } from '../../common/calibration/calibration-wizard';

/**
 * The rules every check shares (the reference instrument's own certificate) and the blood-pressure
 * check's leak test, pure. The points' rules of every kind are in calibration-rules.ts; the
 * procedure's numbers come from the device catalogue.
 */
export interface PressureProcedure {
  leakTest: { pressureMmHg: number; holdSeconds: number; maxDropMmHg: number };
  referenceWindowMmHg: number;
}

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

export function isRefusal(value: object): value is Refusal {
  return 'code' in value;
}
