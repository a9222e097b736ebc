import type { CalibrationRecord } from './calibration-record';
import { QUANTITY_UNIT } from './calibration-record';

const COLUMNS = [
  'performed_at',
  'kiosk_id',
  'device_id',
  'model',
  'serial_number',
  'method',
  'result',
  'valid_until',
  'certificate_number',
  'technician',
  'reference_instrument',
  'reference_serial_number',
  'reference_certificate',
  'reference_certificate_valid_until',
  'points',
  'leak_test',
] as const;

/** A CSV cell: quoted when it holds a separator, a quote or a line break (RFC 4180); formula-like text defused. */
function cell(value: string | null): string {
  if (value === null) return '';
  // A spreadsheet would run "=…" as a formula: the register is opened in one.
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n;]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** "nominal: reference → device (error, ±tolerance) PASS|FAIL" for every point, in order. */
function pointsText(check: CalibrationRecord): string {
  if (check.method === 'static-pressure')
    return check.points
      .map(
        (p) =>
          `${p.nominalMmHg} mmHg: ${p.referenceMmHg} -> ${p.deviceMmHg} (${p.errorMmHg}, ±${p.toleranceMmHg}) ${p.passed ? 'PASS' : 'FAIL'}`,
      )
      .join(' | ');
  return check.points
    .map(
      (p) =>
        `${p.quantity} ${p.nominal} ${QUANTITY_UNIT[p.quantity]}: ${p.reference} -> ${p.device} (${p.error}, ±${p.tolerance}) ${p.passed ? 'PASS' : 'FAIL'}`,
    )
    .join(' | ');
}

/**
 * The maintenance register's calibrations as CSV, one line per check, oldest first: what the
 * operator keeps five years (CSP R5212-25 to 28) and hands an inspector.
 */
export function calibrationRegisterCsv(checks: readonly CalibrationRecord[]): string {
  const rows = [...checks]
    .sort((a, b) => a.performedAt.localeCompare(b.performedAt))
    .map((c) =>
      [
        c.performedAt,
        c.kioskId,
        c.deviceId,
        c.model,
        c.serialNumber,
        c.method,
        c.result,
        c.validUntil,
        c.certificateNumber,
        c.technician,
        c.reference.instrument,
        c.reference.serialNumber,
        c.reference.certificateNumber,
        c.reference.certificateValidUntil,
        pointsText(c),
        c.method === 'static-pressure'
          ? `${c.leakTest.startMmHg} -> ${c.leakTest.endMmHg} mmHg in ${c.leakTest.heldSeconds} s (max ${c.leakTest.maxDropMmHg}) ${c.leakTest.passed ? 'PASS' : 'FAIL'}`
          : null,
      ]
        .map(cell)
        .join(','),
    );
  return [COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}

/** One device's calibration due date across the fleet, from its newest check. */
export interface DueEntry {
  kioskId: string;
  deviceId: string;
  model: string;
  serialNumber: string | null;
  lastCheck: string;
  result: 'passed' | 'failed';
  validUntil: string | null;
  /** out-of-service: the newest check failed; overdue: past its due date; due-soon: within the window. */
  state: 'out-of-service' | 'overdue' | 'due-soon' | 'valid';
}

/**
 * The fleet view: each kiosk's devices by their newest check, what is out of service or overdue
 * and what falls due within `withinDays` of `now`, soonest first.
 */
export function calibrationsDue(checks: readonly CalibrationRecord[], now: number, withinDays = 30): DueEntry[] {
  const newest = new Map<string, CalibrationRecord>();
  for (const c of checks) {
    const key = `${c.kioskId}\u0000${c.deviceId}`;
    const held = newest.get(key);
    if (!held || held.performedAt < c.performedAt) newest.set(key, c);
  }
  const horizon = now + withinDays * 86_400_000;
  const stateOf = (c: CalibrationRecord): DueEntry['state'] => {
    if (c.result === 'failed' || c.validUntil === null) return 'out-of-service';
    const due = Date.parse(c.validUntil);
    return due <= now ? 'overdue' : due <= horizon ? 'due-soon' : 'valid';
  };
  const rank = { 'out-of-service': 0, overdue: 1, 'due-soon': 2, valid: 3 } as const;
  return [...newest.values()]
    .map((c) => ({
      kioskId: c.kioskId,
      deviceId: c.deviceId,
      model: c.model,
      serialNumber: c.serialNumber,
      lastCheck: c.performedAt,
      result: c.result,
      validUntil: c.validUntil,
      state: stateOf(c),
    }))
    .sort((a, b) => rank[a.state] - rank[b.state] || (a.validUntil ?? '').localeCompare(b.validUntil ?? ''));
}
