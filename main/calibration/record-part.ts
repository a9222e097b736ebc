import type {
  CalibrationRecord,
  LeakTestResult,
  MeasuredPoint,
  PressurePointResult,
} from '../../common/calibration/calibration-record';
import type { CalibrationRules } from './calibration-rules';

type MethodPart =
  | Pick<Extract<CalibrationRecord, { method: 'static-pressure' }>, 'method' | 'deviceReading' | 'points' | 'leakTest'>
  | Pick<Extract<CalibrationRecord, { method: 'reference-temperature' }>, 'method' | 'deviceReading' | 'points'>
  | Pick<Extract<CalibrationRecord, { method: 'simulator-points' }>, 'method' | 'deviceReading' | 'points'>;

/**
 * The method's part of a register line from the wizard's rows. A cuff's check keeps the register's
 * pressure shape (mmHg fields and the leak test, as recorded and synced before the other kinds had
 * a wizard); the others keep the rows. Null when the check is not complete.
 */
export function recordPart(
  rules: CalibrationRules,
  points: readonly MeasuredPoint[],
  leak: LeakTestResult | null,
): MethodPart | null {
  switch (rules.method) {
    case 'static-pressure':
      if (leak === null || rules.deviceReading !== 'check-mode-display') return null;
      return {
        method: 'static-pressure',
        deviceReading: 'check-mode-display',
        points: points.map(pressurePoint),
        leakTest: leak,
      };
    case 'reference-temperature':
      return { method: 'reference-temperature', deviceReading: 'device-protocol', points: [...points] };
    case 'simulator-points':
      return { method: 'simulator-points', deviceReading: 'device-protocol', points: [...points] };
  }
}

function pressurePoint(p: MeasuredPoint): PressurePointResult {
  return {
    nominalMmHg: p.nominal,
    referenceMmHg: p.reference,
    deviceMmHg: p.device,
    errorMmHg: p.error,
    toleranceMmHg: p.tolerance,
    passed: p.passed,
  };
}
