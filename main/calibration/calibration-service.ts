import { randomUUID } from 'node:crypto';
import { technicianOfRecord, type CalibrationRecord } from '../../common/calibration/calibration-record';
import type { CalibrationIntention, CalibrationWizardView } from '../../common/calibration/calibration-wizard';
import type { DeviceStatus } from '../../common/devices/device-status';
import type { KioskHandlers } from '../../common/ipc/contract';
import type { DeviceMaintenance } from '../../common/staff/staff';
import type { Clock } from '../../common/util/clock';
import { createLogger } from '../../common/util/logger';
import { DEVICE_CATALOGUE, modelFields } from '../../drivers/catalogue/device-catalogue';
import type { DeviceConfig } from '../../kiosk-config/schema';
import { HandlerError } from '../ipc/dispatch';
import { calibrationRegisterCsv } from '../../common/calibration/register-csv';
import { calibrationVerifyUrl } from '../../common/calibration/verify-url';
import { rulesFor } from './calibration-rules';
import { CalibrationWizard } from './calibration-wizard';
import { certificatePdf, type CertificateSite } from './certificate-pdf';
import { readDeviceForCalibration, type CalibrationDeviceLender } from './device-reading';

const log = createLogger('kiosk:main:calibration');

/** What the calibration service needs of the kiosk's other services. */
export interface CalibrationServiceOptions {
  kioskId: string;
  site: CertificateSite;
  /** The platform's base URL: the certificate's QR code verifies it there. */
  platformUrl: string | null;
  devices: readonly DeviceConfig[];
  clock: Clock;
  /**
   * The signed-in technician's account (StaffService.technician): throws HandlerError('forbidden')
   * when nobody is. The register and the certificate name this account, never a typed name.
   */
  requireTechnician(): { id: string; name: string };
  /** True while a patient's session is open: a device is not taken from a patient. */
  patientInSession(): boolean;
  /** The device manager: is the device on its port, its status changes, and a fresh status list. */
  manager: CalibrationDeviceLender & {
    isPresent(deviceId: string): boolean;
    on(event: 'statusChanged', listener: (status: DeviceStatus) => void): unknown;
    off(event: 'statusChanged', listener: (status: DeviceStatus) => void): unknown;
    list(): DeviceStatus[];
  };
  /** The store: the check, its outbox row and its audit line in one transaction; the register read back. */
  store: {
    recordCalibration(check: CalibrationRecord): void;
    register: {
      check(id: string): CalibrationRecord | null;
      listCalibrations(deviceId: string): readonly {
        id: string;
        performedAt: string;
        validUntil: string | null;
        result: 'passed' | 'failed';
      }[];
    };
    audit: { append(entry: { actor: string; action: string; subject: string | null }): void };
  };
  /** Pushes a wizard change the technician did not cause to the screens. */
  emit(view: CalibrationWizardView): void;
  /** The leak test's hold (s), when the config shortens it (tests). */
  leakHoldSeconds?: number;
  /** How long a device's own reading may take before the wizard says none came (ms; default 60 s). */
  readingTimeoutMs?: number;
}

type CalibrationHandlers = Pick<
  KioskHandlers,
  'calibrationStart' | 'calibrationSend' | 'calibrationAbandon' | 'getCalibrationCertificate' | 'getCalibrationRegister'
>;

/**
 * The technician's calibration wizards on the kiosk: one at a time, only for a signed-in
 * technician and never while a patient is in session. It follows the device's presence for the
 * wizard and, once a check is recorded, has the device manager announce the new calibration state.
 */
export class CalibrationService {
  private wizard: CalibrationWizard | null = null;
  private readonly onStatus = (status: DeviceStatus) => {
    if (this.wizard && status.deviceId === this.wizard.view().deviceId)
      this.wizard.deviceConnected(this.opts.manager.isPresent(status.deviceId));
  };

  constructor(private readonly opts: CalibrationServiceOptions) {
    opts.manager.on('statusChanged', this.onStatus);
  }

  readonly handlers: CalibrationHandlers = {
    calibrationStart: ({ deviceId }) => this.start(deviceId),
    calibrationSend: (intention) => this.send(intention),
    calibrationAbandon: () => {
      this.opts.requireTechnician();
      this.abandon();
      return { ok: true };
    },
    getCalibrationCertificate: ({ calibrationId }) => this.certificate(calibrationId),
    getCalibrationRegister: ({ deviceId }) => this.registerCsv(deviceId),
  };

  /** Drops the wizard under way, if any (abandon, sign-out); nothing of it is kept. */
  abandon(): void {
    const wizard = this.wizard;
    if (wizard === null) return;
    this.wizard = null;
    wizard.dispose();
    const view = wizard.view();
    if (view.step !== 'recorded') {
      this.opts.store.audit.append({ actor: 'technician', action: 'calibration-abandoned', subject: view.deviceId });
      log.info(`${view.deviceId}: calibration abandoned at ${view.step}`);
    }
  }

  /** Each device's calibration as the register has it, for the staff panel. */
  maintenance(): DeviceMaintenance[] {
    return this.opts.devices
      .filter((d) => d.transport !== 'pcsc')
      .map((d) => {
        const newest = this.opts.store.register.listCalibrations(d.id).at(-1);
        const check = newest ? this.opts.store.register.check(newest.id) : null;
        return {
          deviceId: d.id,
          calibratable: calibratable(d),
          lastCheck: newest
            ? {
                calibrationId: newest.id,
                performedAt: newest.performedAt,
                result: newest.result,
                validUntil: newest.validUntil,
                certificateNumber: check?.certificateNumber ?? null,
              }
            : null,
        };
      });
  }

  close(): void {
    this.abandon();
    this.opts.manager.off('statusChanged', this.onStatus);
  }

  private start(deviceId: string): CalibrationWizardView {
    const technician = technicianOfRecord(this.opts.requireTechnician());
    if (this.opts.patientInSession())
      throw new HandlerError('patient-in-session', 'a patient is using the kiosk: calibrate between two patients');
    const config = this.opts.devices.find((d) => d.id === deviceId);
    if (config === undefined) throw new HandlerError('unknown-device', `no device ${deviceId} in the config`);
    const entry = DEVICE_CATALOGUE[config.model];
    const rules = rulesFor(entry.calibration);
    if (rules === null) throw new HandlerError('not-calibratable', `${config.model} measures nothing to calibrate`);
    this.abandon();
    const wizard = new CalibrationWizard({
      wizardId: randomUUID(),
      kioskId: this.opts.kioskId,
      device: {
        deviceId,
        ...modelFields(config.model),
        kind: entry.kind,
        serialNumber: config.serialNumber ?? null,
      },
      rules,
      technician,
      readDevice: () =>
        readDeviceForCalibration(this.opts.manager, deviceId, this.opts.clock, this.opts.readingTimeoutMs ?? 60_000),
      connected: this.opts.manager.isPresent(deviceId),
      clock: this.opts.clock,
      record: (check) => this.record(check),
      ...(this.opts.leakHoldSeconds !== undefined && { leakHoldSeconds: this.opts.leakHoldSeconds }),
      onChange: (view) => {
        if (this.wizard === wizard) this.opts.emit(view);
      },
    });
    this.wizard = wizard;
    this.opts.store.audit.append({ actor: 'technician', action: 'calibration-started', subject: deviceId });
    return wizard.view();
  }

  private send(intention: CalibrationIntention): CalibrationWizardView {
    this.opts.requireTechnician();
    if (this.wizard === null) throw new HandlerError('no-wizard', 'no calibration under way: start one');
    return this.wizard.send(intention);
  }

  private record(check: CalibrationRecord): void {
    this.opts.store.recordCalibration(check);
    log.info(`${check.deviceId}: calibration ${check.result} recorded (${check.certificateNumber})`);
    // The device's state follows at once: out of service after a failure, back after a pass.
    this.opts.manager.list();
  }

  /** The device's checks made with the wizard, as CSV (a line without its check, e.g. a maker's lab one, has no points to list). */
  private registerCsv(deviceId: string) {
    this.opts.requireTechnician();
    if (!this.opts.devices.some((d) => d.id === deviceId))
      throw new HandlerError('unknown-device', `no device ${deviceId} in the config`);
    const { register } = this.opts.store;
    const checks = register.listCalibrations(deviceId).flatMap((line) => register.check(line.id) ?? []);
    const day = new Date(this.opts.clock.now()).toISOString().slice(0, 10);
    return { fileName: `registre-${deviceId}-${day}.csv`, csv: calibrationRegisterCsv(checks) };
  }

  private async certificate(calibrationId: string) {
    this.opts.requireTechnician();
    const check = this.opts.store.register.check(calibrationId);
    if (check === null) throw new HandlerError('not-found', `no recorded check ${calibrationId}`);
    const verify = this.opts.platformUrl === null ? null : calibrationVerifyUrl(this.opts.platformUrl, check);
    const pdf = await certificatePdf(check, this.opts.site, verify);
    return { fileName: `${check.certificateNumber}.pdf`, pdfBase64: pdf.toString('base64') };
  }
}

/** The kiosk has a wizard for this device's model (everything that measures). */
function calibratable(config: DeviceConfig): boolean {
  return rulesFor(DEVICE_CATALOGUE[config.model].calibration) !== null;
}
