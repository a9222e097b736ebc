import type { CalibrationRecord, PressurePointResult } from '../../common/calibration/calibration-record';
import type {
  CalibrationIntention,
  CalibrationProblemCode,
  CalibrationWizardView,
} from '../../common/calibration/calibration-wizard';
import type { DeviceKind } from '../../common/devices/device-status';
import { assertUnreachable } from '../../common/util/assert-unreachable';
import type { Clock } from '../../common/util/clock';
import { addMonths, isoDay } from '../../common/util/dates';
import type { DeviceModelId } from '../../drivers/catalogue/device-catalogue';
import {
  checkLeakStart,
  checkReference,
  evaluateLeak,
  evaluatePoint,
  isRefusal,
  overallResult,
  type PressureProcedure,
  type Refusal,
} from './pressure-check-rules';

/** The device under calibration, as the config and the catalogue describe it. */
export interface WizardDevice {
  deviceId: string;
  model: DeviceModelId;
  modelName: string;
  kind: DeviceKind;
  serialNumber: string | null;
}

export interface CalibrationWizardOptions {
  wizardId: string;
  kioskId: string;
  device: WizardDevice;
  procedure: PressureProcedure;
  technician: string;
  /** Whether the device is on its port now (the device manager's own state, before calibration). */
  connected: boolean;
  clock: Clock;
  /** Writes the check to the register and the outbox in one transaction; throws when it could not. */
  record(record: CalibrationRecord): void;
  /** The leak test's hold (s); the procedure's unless the config shortens it (tests). */
  leakHoldSeconds?: number;
  /** A change the technician did not cause (the hold ran out, the device left or came back). */
  onChange(view: CalibrationWizardView): void;
}

/**
 * One blood-pressure check under way, step by step: the reference, each static point, the leak
 * test, the review, the record. Every verdict is decided here from the procedure's rules; a typed
 * value that cannot be right is answered with a problem and changes nothing else. Nothing reaches
 * the register before RECORD, and RECORD writes the whole check at once or nothing.
 */
export class CalibrationWizard {
  private step: CalibrationWizardView['step'] = 'reference';
  private reference: CalibrationWizardView['reference'] = null;
  private points: PressurePointResult[] = [];
  private leak: { startMmHg: number; startedAt: number } | null = null;
  private leakResult: CalibrationWizardView['leak']['result'] = null;
  private holdOver = false;
  private holdTimer: unknown = null;
  private problem: CalibrationWizardView['problem'] = null;
  private connected: boolean;
  private recorded: CalibrationWizardView['recorded'] = null;
  private performedAt: number | null = null;
  private readonly holdSeconds: number;

  constructor(private readonly opts: CalibrationWizardOptions) {
    this.connected = opts.connected;
    this.holdSeconds = opts.leakHoldSeconds ?? opts.procedure.leakTest.holdSeconds;
    if (!this.connected) this.problem = unplugged(opts.device.deviceId);
  }

  send(intention: CalibrationIntention): CalibrationWizardView {
    if (this.step === 'recorded') return this.view();
    if (intention.type === 'RETRY') return this.retry();
    // Nothing goes on while the device is away, or a problem stands that only RETRY clears.
    if (!this.connected || this.problem?.code === 'device-unplugged') {
      this.problem = unplugged(this.opts.device.deviceId);
      return this.view();
    }
    this.problem = null;
    switch (intention.type) {
      case 'REFERENCE':
        return this.onReference(intention.reference);
      case 'POINT':
        return this.onPoint(intention.referenceMmHg, intention.deviceMmHg);
      case 'LEAK_START':
        return this.onLeakStart(intention.startMmHg);
      case 'LEAK_END':
        return this.onLeakEnd(intention.endMmHg);
      case 'RECORD':
        return this.onRecord();
      default:
        return assertUnreachable(intention, 'calibration intention');
    }
  }

  /** The device manager saw the device leave or come back. */
  deviceConnected(connected: boolean): void {
    if (connected === this.connected) return;
    this.connected = connected;
    if (this.step === 'recorded') return;
    // A device that left may come back as another unit: what it showed so far no longer counts.
    if (!connected) {
      this.problem = unplugged(this.opts.device.deviceId);
      this.restartChecks();
    }
    this.opts.onChange(this.view());
  }

  /** Stops the hold's timer; the wizard is dropped (abandoned or finished). */
  dispose(): void {
    if (this.holdTimer !== null) this.opts.clock.clearTimeout(this.holdTimer);
    this.holdTimer = null;
  }

  view(): CalibrationWizardView {
    const { device, procedure } = this.opts;
    const result = this.step === 'review' || this.step === 'recorded' ? this.result() : null;
    return {
      wizardId: this.opts.wizardId,
      deviceId: device.deviceId,
      model: device.model,
      modelName: device.modelName,
      kind: device.kind,
      serialNumber: device.serialNumber,
      technician: this.opts.technician,
      step: this.step,
      procedure: {
        pointsMmHg: [...procedure.pointsMmHg],
        toleranceMmHg: procedure.toleranceMmHg,
        referenceWindowMmHg: procedure.referenceWindowMmHg,
        displayRangeMmHg: { ...procedure.displayRangeMmHg },
        leakTest: { ...procedure.leakTest, holdSeconds: this.holdSeconds },
      },
      reference: this.reference,
      points: [...this.points],
      currentPointMmHg: this.step === 'points' ? (procedure.pointsMmHg[this.points.length] ?? null) : null,
      leak: {
        startMmHg: this.leak?.startMmHg ?? null,
        holdUntil: this.leak ? new Date(this.leak.startedAt + this.holdSeconds * 1000).toISOString() : null,
        holdOver: this.holdOver,
        result: this.leakResult,
      },
      result,
      validUntil: result === 'passed' ? new Date(this.validUntil(this.now())).toISOString() : null,
      problem: this.problem,
      deviceConnected: this.connected,
      recorded: this.recorded,
    };
  }

  private retry(): CalibrationWizardView {
    if (!this.connected) {
      this.problem = unplugged(this.opts.device.deviceId);
      return this.view();
    }
    this.problem = null;
    return this.view();
  }

  private onReference(reference: NonNullable<CalibrationWizardView['reference']>): CalibrationWizardView {
    if (this.step !== 'reference') return this.view();
    const refused = checkReference(reference, isoDay(this.now()));
    if (refused) return this.refuse(refused);
    this.reference = reference;
    this.step = 'points';
    return this.view();
  }

  private onPoint(referenceMmHg: number, deviceMmHg: number): CalibrationWizardView {
    const nominal = this.opts.procedure.pointsMmHg[this.points.length];
    if (this.step !== 'points' || nominal === undefined) return this.view();
    const point = evaluatePoint(this.opts.procedure, nominal, referenceMmHg, deviceMmHg);
    if (isRefusal(point)) return this.refuse(point);
    this.points.push(point);
    if (this.points.length === this.opts.procedure.pointsMmHg.length) this.step = 'leak-test';
    return this.view();
  }

  private onLeakStart(startMmHg: number): CalibrationWizardView {
    if (this.step !== 'leak-test' || this.leak !== null) return this.view();
    const refused = checkLeakStart(this.opts.procedure, startMmHg);
    if (refused) return this.refuse(refused);
    this.leak = { startMmHg, startedAt: this.now() };
    this.holdTimer = this.opts.clock.setTimeout(() => {
      this.holdTimer = null;
      this.holdOver = true;
      this.opts.onChange(this.view());
    }, this.holdSeconds * 1000);
    return this.view();
  }

  private onLeakEnd(endMmHg: number): CalibrationWizardView {
    if (this.step !== 'leak-test' || this.leak === null) return this.view();
    const heldMs = this.now() - this.leak.startedAt;
    if (heldMs < this.holdSeconds * 1000)
      return this.refuse({
        code: 'hold-not-over',
        detail: `the hold lasts ${this.holdSeconds} s; ${Math.ceil(this.holdSeconds - heldMs / 1000)} s left`,
      });
    const result = evaluateLeak(this.opts.procedure, this.leak.startMmHg, endMmHg, heldMs);
    if (isRefusal(result)) {
      // The hold must be done again from a fresh start.
      this.leak = null;
      this.holdOver = false;
      return this.refuse(result);
    }
    this.leakResult = result;
    this.performedAt = this.now();
    this.step = 'review';
    return this.view();
  }

  private onRecord(): CalibrationWizardView {
    if (this.step !== 'review' || this.reference === null || this.leakResult === null || this.performedAt === null)
      return this.view();
    const result = this.result();
    const { device, kioskId, wizardId } = this.opts;
    const record: CalibrationRecord = {
      id: wizardId,
      certificateNumber: certificateNumber(wizardId, this.performedAt),
      kioskId,
      deviceId: device.deviceId,
      model: device.model,
      modelName: device.modelName,
      serialNumber: device.serialNumber,
      method: 'static-pressure',
      deviceReading: this.opts.procedure.deviceReading,
      technician: this.opts.technician,
      reference: this.reference,
      points: [...this.points],
      leakTest: this.leakResult,
      result,
      performedAt: new Date(this.performedAt).toISOString(),
      validUntil: result === 'passed' ? new Date(this.validUntil(this.performedAt)).toISOString() : null,
    };
    try {
      this.opts.record(record);
    } catch (error) {
      return this.refuse({ code: 'record-failed', detail: error instanceof Error ? error.message : String(error) });
    }
    this.recorded = { calibrationId: record.id, certificateNumber: record.certificateNumber };
    this.step = 'recorded';
    return this.view();
  }

  private result(): 'passed' | 'failed' {
    return this.leakResult ? overallResult(this.points, this.leakResult) : 'failed';
  }

  private validUntil(from: number): number {
    return addMonths(from, this.opts.procedure.validityMonths);
  }

  private restartChecks(): void {
    this.dispose();
    this.points = [];
    this.leak = null;
    this.leakResult = null;
    this.holdOver = false;
    this.performedAt = null;
    this.step = this.reference === null ? 'reference' : 'points';
  }

  private refuse(refusal: Refusal): CalibrationWizardView {
    this.problem = { code: refusal.code, detail: refusal.detail };
    return this.view();
  }

  private now(): number {
    return this.opts.clock.now();
  }
}

function unplugged(deviceId: string): { code: CalibrationProblemCode; detail: string } {
  return { code: 'device-unplugged', detail: `${deviceId} is not on its port` };
}

/** "CAL-<UTC day>-<the check's id, 8 hex digits>": unique per check, readable on paper. */
export function certificateNumber(id: string, at: number): string {
  return `CAL-${isoDay(at).replaceAll('-', '')}-${id.replaceAll('-', '').slice(0, 8).toUpperCase()}`;
}
