import type {
  CalibrationQuantity,
  CalibrationRecord,
  MeasuredPoint,
} from '../../common/calibration/calibration-record';
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
import { evaluateSetting, overallResult, type CalibrationRules } from './calibration-rules';
import { checkLeakStart, checkReference, evaluateLeak, isRefusal, type Refusal } from './pressure-check-rules';
import { recordPart } from './record-part';

/** Values of one setting, per quantity. */
export type SettingValues = Partial<Record<CalibrationQuantity, number>>;

/** Why the device gave no reading: it left its port, or nothing usable came in time. */
export class DeviceReadingError extends Error {
  constructor(
    readonly code: 'device-unplugged' | 'no-reading',
    detail: string,
  ) {
    super(detail);
  }
}

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
  /** The rule table of the device's kind (calibration-rules.ts). */
  rules: CalibrationRules;
  technician: string;
  /**
   * The device's own reading of the current setting, through its protocol (rules with
   * deviceReading 'device-protocol'); rejects with a DeviceReadingError.
   */
  readDevice?: () => Promise<SettingValues>;
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
 * One check under way, for every kind of device, step by step: the reference, each setting of it
 * (a static pressure, a bath, a patient simulator's setting), the leak test for a cuff, the review,
 * the record. Every verdict is decided here from the kind's rule table; a typed
 * value that cannot be right is answered with a problem and changes nothing else. Nothing reaches
 * the register before RECORD, and RECORD writes the whole check at once or nothing.
 */
export class CalibrationWizard {
  private step: CalibrationWizardView['step'] = 'reference';
  private reference: CalibrationWizardView['reference'] = null;
  private points: MeasuredPoint[] = [];
  /** The device reading under way (its token: a reading that comes back after an unplug is dropped). */
  private reading: number | null = null;
  private readings = 0;
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
    this.holdSeconds = opts.leakHoldSeconds ?? opts.rules.leakTest?.holdSeconds ?? 0;
    if (!this.connected) this.problem = unplugged(opts.device.deviceId);
  }

  send(intention: CalibrationIntention): CalibrationWizardView {
    if (this.step === 'recorded' || this.reading !== null) return this.view();
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
        return this.onPoint(intention.reference, intention.device);
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
      this.reading = null;
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
    const { device, rules } = this.opts;
    const result = this.step === 'review' || this.step === 'recorded' ? this.result() : null;
    const { validityMonths: _v, leakProcedure: _l, ...procedure } = rules;
    return {
      wizardId: this.opts.wizardId,
      deviceId: device.deviceId,
      model: device.model,
      modelName: device.modelName,
      kind: device.kind,
      serialNumber: device.serialNumber,
      technician: this.opts.technician,
      step: this.step,
      procedure: { ...procedure, leakTest: rules.leakTest && { ...rules.leakTest, holdSeconds: this.holdSeconds } },
      reference: this.reference,
      points: [...this.points],
      currentSetting: this.step === 'points' ? this.nextSetting() : null,
      reading: this.reading !== null,
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

  private onPoint(reference: SettingValues, typed: SettingValues | undefined): CalibrationWizardView {
    const setting = this.nextSetting();
    if (this.step !== 'points' || setting === null) return this.view();
    const { rules, readDevice } = this.opts;
    if (rules.deviceReading === 'check-mode-display') return this.takePoint(setting, reference, typed ?? {});
    // The reference is checked before the device is asked: a typing slip needs no reading.
    const refused = evaluateSetting(rules, setting, reference, sentinelReading(rules, setting));
    if (isRefusal(refused)) return this.refuse(refused);
    if (readDevice === undefined) return this.refuse({ code: 'no-reading', detail: 'no reader for this device' });
    const token = ++this.readings;
    this.reading = token;
    readDevice().then(
      (values) => this.readingCame(token, () => this.takePoint(setting, reference, values)),
      (error: unknown) =>
        this.readingCame(token, () =>
          this.refuse({
            code: error instanceof DeviceReadingError ? error.code : 'no-reading',
            detail: error instanceof Error ? error.message : String(error),
          }),
        ),
    );
    return this.view();
  }

  /** The device's answer to reading `token`, unless the wizard moved on (unplug, abandon) meanwhile. */
  private readingCame(token: number, apply: () => CalibrationWizardView): void {
    if (this.reading !== token) return;
    this.reading = null;
    this.opts.onChange(apply());
  }

  private takePoint(setting: number, reference: SettingValues, device: SettingValues): CalibrationWizardView {
    const rows = evaluateSetting(this.opts.rules, setting, reference, device);
    if (isRefusal(rows)) return this.refuse(rows);
    this.points.push(...rows);
    if (this.nextSetting() === null) {
      if (this.opts.rules.leakTest !== null) this.step = 'leak-test';
      else {
        this.performedAt = this.now();
        this.step = 'review';
      }
    }
    return this.view();
  }

  /** The index of the next setting to check, or null once all were. */
  private nextSetting(): number | null {
    const done = new Set(this.points.map((p) => p.setting)).size;
    return done < this.opts.rules.settings.length ? done : null;
  }

  private onLeakStart(startMmHg: number): CalibrationWizardView {
    if (this.step !== 'leak-test' || this.leak !== null) return this.view();
    const procedure = this.opts.rules.leakProcedure;
    if (procedure === null) return this.view();
    const refused = checkLeakStart(procedure, startMmHg);
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
    const result = evaluateLeak(this.opts.rules.leakProcedure!, this.leak.startMmHg, endMmHg, heldMs);
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
    if (this.step !== 'review' || this.reference === null || this.performedAt === null) return this.view();
    const result = this.result();
    const { device, kioskId, wizardId } = this.opts;
    const part = recordPart(this.opts.rules, this.points, this.leakResult);
    if (part === null) return this.view();
    const record: CalibrationRecord = {
      id: wizardId,
      certificateNumber: certificateNumber(wizardId, this.performedAt),
      kioskId,
      deviceId: device.deviceId,
      model: device.model,
      modelName: device.modelName,
      serialNumber: device.serialNumber,
      technician: this.opts.technician,
      reference: this.reference,
      result,
      performedAt: new Date(this.performedAt).toISOString(),
      validUntil: result === 'passed' ? new Date(this.validUntil(this.performedAt)).toISOString() : null,
      ...part,
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
    return overallResult(this.opts.rules, this.points, this.leakResult);
  }

  private validUntil(from: number): number {
    return addMonths(from, this.opts.rules.validityMonths);
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

/** A device value that passes every plausibility rule: checks the typed reference on its own. */
function sentinelReading(rules: CalibrationRules, setting: number): SettingValues {
  return Object.fromEntries((rules.settings[setting] ?? []).map((q) => [q.quantity, q.nominal]));
}

function unplugged(deviceId: string): { code: CalibrationProblemCode; detail: string } {
  return { code: 'device-unplugged', detail: `${deviceId} is not on its port` };
}

/** "CAL-<UTC day>-<the check's id, 8 hex digits>": unique per check, readable on paper. */
export function certificateNumber(id: string, at: number): string {
  return `CAL-${isoDay(at).replaceAll('-', '')}-${id.replaceAll('-', '').slice(0, 8).toUpperCase()}`;
}
