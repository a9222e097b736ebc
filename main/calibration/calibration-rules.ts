import type {
  CalibrationQuantity,
  CalibrationResult,
  LeakTestResult,
  MeasuredPoint,
} from '../../common/calibration/calibration-record';
import type { CalibrationProcedureView, QuantityRuleView } from '../../common/calibration/calibration-wizard';
import { QUANTITY_UNIT } from '../../common/calibration/calibration-record';
import type { CalibrationProcedure } from '../../drivers/catalogue/calibration-procedures';
import type { Refusal } from './pressure-check-rules';

/**
 * The rule table of each kind of device, one shape for all: the quantities checked with their
 * tolerance and plausible values, the reference's settings in order, where the device's value comes
 * from, and (blood pressure only) the leak test. The wizard (calibration-wizard.ts) applies them.
 */
export interface CalibrationRules extends CalibrationProcedureView {
  validityMonths: number;
  /** The pressure procedure itself, for its leak test's rules (null for the other kinds). */
  leakProcedure: {
    leakTest: { pressureMmHg: number; holdSeconds: number; maxDropMmHg: number };
    referenceWindowMmHg: number;
  } | null;
}

const rule = (
  quantity: CalibrationQuantity,
  tolerance: number,
  referenceWindow: number,
  plausible: { min: number; max: number },
  decimals: number,
): QuantityRuleView => ({ quantity, unit: QUANTITY_UNIT[quantity], tolerance, referenceWindow, plausible, decimals });

/** The rule table of a catalogue procedure; null for a device with nothing to calibrate. */
export function rulesFor(procedure: CalibrationProcedure): CalibrationRules | null {
  switch (procedure.method) {
    case 'static-pressure':
      return {
        method: 'static-pressure',
        deviceReading: procedure.deviceReading,
        quantities: [
          rule('pressure', procedure.toleranceMmHg, procedure.referenceWindowMmHg, procedure.displayRangeMmHg, 0),
        ],
        settings: procedure.pointsMmHg.map((nominal) => [{ quantity: 'pressure', nominal }]),
        leakTest: { ...procedure.leakTest },
        validityMonths: procedure.validityMonths,
        leakProcedure: procedure,
      };
    case 'reference-temperature':
      return {
        method: 'reference-temperature',
        deviceReading: 'device-protocol',
        // Clinical thermometers read about 25–45 °C; a bath outside that range is no check point.
        quantities: [
          rule('temperature', procedure.toleranceCelsius, procedure.referenceWindowCelsius, { min: 25, max: 45 }, 1),
        ],
        settings: procedure.pointsCelsius.map((nominal) => [{ quantity: 'temperature', nominal }]),
        leakTest: null,
        validityMonths: procedure.validityMonths,
        leakProcedure: null,
      };
    case 'simulator-points':
      return {
        method: 'simulator-points',
        deviceReading: 'device-protocol',
        quantities: [
          rule('spo2', procedure.tolerance.spo2, procedure.referenceWindow.spo2, { min: 50, max: 100 }, 0),
          rule(
            'pulse-rate',
            procedure.tolerance.pulseRate,
            procedure.referenceWindow.pulseRate,
            { min: 25, max: 250 },
            0,
          ),
        ],
        settings: procedure.points.map((p) => [
          { quantity: 'spo2', nominal: p.spo2 },
          { quantity: 'pulse-rate', nominal: p.pulseRate },
        ]),
        leakTest: null,
        validityMonths: procedure.validityMonths,
        leakProcedure: null,
      };
    case 'none':
      return null;
  }
}

type Values = Partial<Record<CalibrationQuantity, number>>;

/**
 * One setting of the reference: every quantity's reference must be plausible and near the value
 * aimed at (else a typing slip or the wrong setting), the device's a value it can show. Then each
 * error is the device's reading minus the reference's, within ± tolerance to pass.
 */
export function evaluateSetting(
  rules: CalibrationRules,
  setting: number,
  reference: Values,
  device: Values,
): MeasuredPoint[] | Refusal {
  const rows: MeasuredPoint[] = [];
  for (const { quantity, nominal } of rules.settings[setting] ?? []) {
    const q = rules.quantities.find((r) => r.quantity === quantity)!;
    const ref = reference[quantity];
    const dev = device[quantity];
    if (ref === undefined || !Number.isFinite(ref))
      return { code: 'implausible-reference', detail: `no reference value for ${quantity}` };
    if (ref < q.plausible.min || ref > q.plausible.max || Math.abs(ref - nominal) > q.referenceWindow)
      return {
        code: 'implausible-reference',
        detail: `reference ${ref} ${q.unit} is not within ${q.referenceWindow} ${q.unit} of the ${nominal} ${q.unit} point`,
      };
    if (dev === undefined || !Number.isFinite(dev) || dev < q.plausible.min || dev > q.plausible.max)
      return rules.deviceReading === 'device-protocol'
        ? {
            code: 'no-reading',
            detail: `the device gave no ${quantity} between ${q.plausible.min} and ${q.plausible.max}`,
          }
        : {
            code: 'implausible-display',
            detail: `the display shows ${q.plausible.min}–${q.plausible.max} ${q.unit}, not ${dev}`,
          };
    const error = round(dev - ref, q.decimals);
    rows.push({
      setting,
      quantity,
      nominal,
      reference: ref,
      device: dev,
      error,
      tolerance: q.tolerance,
      passed: Math.abs(error) <= q.tolerance + 1e-9,
    });
  }
  return rows;
}

/** Passed only when every point passed, and the leak test when the procedure has one. */
export function overallResult(
  rules: CalibrationRules,
  points: readonly MeasuredPoint[],
  leak: LeakTestResult | null,
): CalibrationResult {
  const leakOk = rules.leakTest === null || (leak?.passed ?? false);
  return points.length > 0 && points.every((p) => p.passed) && leakOk ? 'passed' : 'failed';
}

function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
