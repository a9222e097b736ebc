import { EventEmitter } from 'node:events';
import type { DeviceStatus } from '../../common/devices/device-status';
import { DEVICE_KIND_FOR, measurementKindOf, type MeasurementKind } from '../../common/devices/kinds';
import { Measurement, type PlethChunk } from '../../common/devices/measurement';
import { RetryTimer, type BackoffPolicy } from '../../common/util/backoff';
import type { LiveReading } from '../../common/devices/live-reading';
import { DEVICE_CATALOGUE, modelFields } from '../../drivers/catalogue/device-catalogue';
import type { DeviceReading, KioskDevice } from '../../drivers/devices/device';
import { failureReason } from '../../drivers/devices/spot-check';
import type { DecodedFrame } from '../../drivers/protocols/types';
import type { DeviceConfig } from '../../kiosk-config/schema';
import { calibrationBlocks, type CalibrationProvider } from './calibration';
import type { DeviceDeps, DeviceFactory } from './device-factories';
import { liveChangeKey, liveReadingOf, measurementCandidate } from './reading-shapes';
import { firmwareInFrame } from './firmware';
import { technicianDetail } from './status-reasons';

export interface DeviceManagerEvents {
  statusChanged: [DeviceStatus];
  liveReading: [LiveReading];
  pleth: [PlethChunk];
  /** Emitted only after `record` resolved (the store committed first). */
  measurementRecorded: [Measurement];
  /** `code`: a QualityFlag ('finger-out', 'probe-error', …) or 'device-unplugged', 'timeout', 'no-signal', 'record-failed'. */
  measurementFailed: [{ deviceId: string; kind: MeasurementKind; code: string }];
  /** Every frame of every device, for `kioskctl monitor`. */
  frameDecoded: [string, DecodedFrame];
}

/**
 * Reconnect delays after an unplug or a failed open. No jitter: a device is local hardware, no
 * fleet retries against it.
 */
const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 500, factor: 2, maxMs: 30_000 };

export interface DeviceManagerOptions {
  devices: DeviceConfig[];
  /** Builds each configured device's driver (`createKioskDevice`; tests give fakes). */
  createDevice: DeviceFactory;
  deps: DeviceDeps;
  calibration: CalibrationProvider;
  /** Stores a recorded measurement; `measurementRecorded` follows only once it resolved. */
  record: (m: Measurement) => void | Promise<void>;
  backoff?: Partial<BackoffPolicy>;
  /** Live readings of one device are sent at most this often unless something changed (ms). */
  liveIntervalMs?: number;
}

export type StartMeasurementResult =
  { ok: true; deviceId: string } | { ok: false; code: 'device-unavailable' | 'device-unplugged' };

interface Slot {
  config: DeviceConfig;
  device: KioskDevice | null;
  /** What the device itself last said (before the calibration overlay). */
  deviceState: Pick<DeviceStatus, 'state' | 'reason'>;
  status: DeviceStatus;
  /** The pending reconnect and the failures since the device was last connected. */
  retry: RetryTimer;
  lastLive: { at: number; key: string } | null;
  /** The firmware version the device's frames gave (firmware.ts), kept across reconnects. */
  firmware: string | null;
}

/**
 * Opens the configured devices, keeps them connected (reconnects after an unplug with capped
 * exponential backoff), reports their status with reasons, applies calibration and turns final
 * readings into recorded `Measurement`s. Everything a device does is caught at this boundary: a
 * driver that throws is reported as `error/driver-failed` and retried, never crashes the kiosk.
 */
export class DeviceManager extends EventEmitter<DeviceManagerEvents> {
  private readonly slots: Slot[] = [];
  private readonly liveIntervalMs: number;
  private running = false;
  private active: { deviceId: string; kind: MeasurementKind } | null = null;
  /** Devices lent to a technician's calibration: their final readings are not a patient's. */
  private readonly lent = new Set<string>();

  constructor(private readonly opts: DeviceManagerOptions) {
    super();
    const policy = { ...DEFAULT_BACKOFF, ...opts.backoff };
    this.liveIntervalMs = opts.liveIntervalMs ?? 250;
    for (const config of opts.devices) {
      // Card readers belong to the card service, not to this manager.
      if (config.transport === 'pcsc') continue;
      this.slots.push({
        config,
        device: null,
        deviceState: { state: 'connecting', reason: null },
        status: this.makeStatus(config, { state: 'connecting', reason: null }),
        retry: new RetryTimer({ policy, clock: opts.deps.clock }),
        lastLive: null,
        firmware: null,
      });
    }
  }

  /** Creates and opens every device; resolves once each open attempt settled (connected or not). */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await Promise.all(this.slots.map((slot) => this.bringUp(slot)));
  }

  /** Closes every device and cancels reconnects; idempotent. */
  async stop(): Promise<void> {
    this.running = false;
    this.active = null;
    await Promise.all(
      this.slots.map(async (slot) => {
        slot.retry.cancel();
        const device = slot.device;
        if (device === null) return;
        try {
          await device.close();
        } catch (error) {
          this.opts.deps.logger.error(`${slot.config.id}: close threw: ${(error as Error).message}`);
        }
        device.removeAllListeners();
        // A later start() builds fresh drivers.
        slot.device = null;
      }),
    );
  }

  /**
   * Closes a slot's driver while the manager runs on: deaf first, so its close is not taken for an
   * unplug (which would schedule a reconnect of the configuration being replaced).
   */
  private async retire(slot: Slot): Promise<void> {
    slot.retry.cancel();
    const device = slot.device;
    if (device === null) return;
    slot.device = null;
    device.removeAllListeners();
    try {
      await device.close();
    } catch (error) {
      this.opts.deps.logger.error(`${slot.config.id}: close threw: ${(error as Error).message}`);
    }
  }

  /** The firmware version the device reported (its frames, its HID descriptor), or null. */
  firmwareOf(deviceId: string): string | null {
    const slot = this.slots.find((s) => s.config.id === deviceId);
    return slot?.device?.firmware ?? slot?.firmware ?? null;
  }

  /** The configuration each managed device runs with now (a technician's accepted change included). */
  configs(): DeviceConfig[] {
    return this.slots.map((s) => s.config);
  }

  /**
   * Runs the device `config.id` as `config` while `trial` decides (it watches this manager's
   * events): the old driver is closed first (both may want the same port), a fresh one opened.
   * Kept when `trial` resolves true; otherwise closed and the old configuration brought back up.
   * Lent meanwhile: nothing it reads is a patient's. Null when no such device or it is lent.
   */
  async reconfigure(config: DeviceConfig, trial: () => Promise<boolean>): Promise<boolean | null> {
    const slot = this.slots.find((s) => s.config.id === config.id);
    if (slot === undefined || this.lent.has(config.id)) return null;
    const previous = slot.config;
    this.lent.add(config.id);
    try {
      await this.retire(slot);
      slot.config = config;
      slot.deviceState = { state: 'connecting', reason: null };
      // Another unit or model may answer there: what the old one reported is not its version.
      slot.firmware = null;
      await this.bringUp(slot);
      if (await trial()) return true;
      await this.retire(slot);
      slot.config = previous;
      slot.deviceState = { state: 'connecting', reason: null };
      slot.retry.succeeded();
      await this.bringUp(slot);
      return false;
    } finally {
      this.lent.delete(config.id);
    }
  }

  /** Every managed device's status; a calibration change since the last call is applied (and announced) here. */
  list(): DeviceStatus[] {
    return this.slots.map((slot) => {
      this.setDeviceState(slot, slot.deviceState);
      return slot.status;
    });
  }

  /**
   * True when the kiosk has devices of that kind and every one is withheld by its calibration
   * (failed, or past its due date now): the patient flow says so instead of asking for a measurement.
   */
  outOfService(kind: MeasurementKind): boolean {
    this.list();
    const candidates = this.slotsOfKind(kind);
    return candidates.length > 0 && candidates.every((s) => s.status.reason?.code === 'calibration-expired');
  }

  /**
   * Whether the device is on its port by its own account (connected, whatever its calibration):
   * a technician calibrates a device that is out of service.
   */
  isPresent(deviceId: string): boolean {
    return this.slots.find((s) => s.config.id === deviceId)?.deviceState.state === 'connected';
  }

  /** Starts a spot check on the first usable device of the kind. */
  async startMeasurement(kind: MeasurementKind): Promise<StartMeasurementResult> {
    // Calibration is looked up afresh: a due date may have passed since the last status.
    this.list();
    const candidates = this.slotsOfKind(kind);
    const usable = candidates.filter(
      (s) => s.device !== null && (s.status.state === 'connected' || s.status.state === 'error'),
    );
    const slot = usable.find((s) => s.status.state === 'connected') ?? usable[0];
    if (slot === undefined || slot.device === null) {
      const unplugged = candidates.some((s) => s.status.state === 'disconnected' || s.status.state === 'connecting');
      return { ok: false, code: unplugged ? 'device-unplugged' : 'device-unavailable' };
    }
    try {
      await slot.device.startMeasurement();
    } catch (error) {
      this.driverFailed(slot, 'startMeasurement', error);
      return { ok: false, code: 'device-unavailable' };
    }
    this.active = { deviceId: slot.config.id, kind };
    return { ok: true, deviceId: slot.config.id };
  }

  /**
   * Lends the connected device `deviceId` to a technician's calibration for as long as `use` runs:
   * meanwhile its final readings and failures are `use`'s only, never recorded as measurements.
   * Null when the device is not on its port.
   */
  async lendForCalibration<T>(deviceId: string, use: (device: KioskDevice) => Promise<T>): Promise<T | null> {
    const slot = this.slots.find((s) => s.config.id === deviceId);
    if (slot?.device == null || slot.deviceState.state !== 'connected' || this.lent.has(deviceId)) return null;
    this.lent.add(deviceId);
    try {
      return await use(slot.device);
    } finally {
      this.lent.delete(deviceId);
    }
  }

  async cancelMeasurement(): Promise<void> {
    const active = this.active;
    this.active = null;
    if (active === null) return;
    const slot = this.slots.find((s) => s.config.id === active.deviceId);
    try {
      await slot?.device?.cancelMeasurement();
    } catch (error) {
      if (slot) this.driverFailed(slot, 'cancelMeasurement', error);
    }
  }

  private slotsOfKind(kind: MeasurementKind): Slot[] {
    return this.slots.filter((s) => DEVICE_CATALOGUE[s.config.model].kind === DEVICE_KIND_FOR[kind]);
  }

  private async bringUp(slot: Slot): Promise<void> {
    if (!this.running) return;
    if (slot.device === null) {
      let device: KioskDevice | null;
      try {
        device = this.opts.createDevice(slot.config, { ...this.opts.deps, logger: this.opts.deps.logger });
      } catch (error) {
        this.driverFailed(slot, 'create', error);
        return;
      }
      if (device === null) {
        this.setDeviceState(slot, {
          state: 'unavailable',
          reason: { code: 'no-driver', detail: technicianDetail('no-driver', `model ${slot.config.model}`) },
        });
        return;
      }
      slot.device = device;
      this.listen(slot, device);
    }
    try {
      await slot.device.open();
    } catch (error) {
      this.driverFailed(slot, 'open', error);
      return;
    }
    // A device reports an unchanged status once (no flapping on every retry), so a reopen that
    // failed the same way again emits nothing: the manager, which owns reconnects, retries anyway.
    if (slot.deviceState.state === 'disconnected') this.scheduleReconnect(slot);
  }

  private listen(slot: Slot, device: KioskDevice): void {
    const guard =
      <A extends unknown[]>(what: string, handler: (...args: A) => void | Promise<void>) =>
      (...args: A) => {
        try {
          const result = handler(...args);
          if (result instanceof Promise)
            result.catch((error: unknown) =>
              this.opts.deps.logger.error(`${slot.config.id}: ${what} failed: ${(error as Error).message}`),
            );
        } catch (error) {
          this.opts.deps.logger.error(`${slot.config.id}: ${what} failed: ${(error as Error).message}`);
        }
      };
    device.on(
      'statusChanged',
      guard('status', (s) => this.onDeviceStatus(slot, s)),
    );
    device.on(
      'readingReceived',
      guard('reading', (r) => this.onReading(slot, r)),
    );
    device.on(
      'plethReceived',
      guard('pleth', (p) => this.safeEmit('pleth', p)),
    );
    device.on(
      'frameDecoded',
      guard('frame', (f) => {
        slot.firmware = firmwareInFrame(slot.config.model, f) ?? slot.firmware;
        this.safeEmit('frameDecoded', slot.config.id, f);
      }),
    );
    device.on(
      'measurementFailed',
      guard('failure', ({ code }) => this.fail(slot, code)),
    );
  }

  private onDeviceStatus(slot: Slot, status: Pick<DeviceStatus, 'state' | 'reason'>): void {
    this.setDeviceState(slot, status);
    if (!this.running) return;
    if (status.state === 'connected') slot.retry.succeeded();
    if (status.state === 'disconnected') this.scheduleReconnect(slot);
  }

  private scheduleReconnect(slot: Slot): void {
    if (!this.running) return;
    const delay = slot.retry.schedule(() => void this.bringUp(slot));
    if (delay !== null)
      this.opts.deps.logger.info(`${slot.config.id}: reconnecting in ${delay} ms (attempt ${slot.retry.attempts})`);
  }

  private driverFailed(slot: Slot, what: string, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.opts.deps.logger.error(`${slot.config.id}: driver ${what} threw: ${message}`);
    this.setDeviceState(slot, {
      state: 'error',
      reason: { code: 'driver-failed', detail: technicianDetail('driver-failed', `${what}: ${message}`) },
    });
    if (what === 'create' || what === 'open') {
      // Retried like an unplug: a transient failure (port busy) should not need a restart.
      if (what === 'create') slot.device = null;
      this.scheduleReconnect(slot);
    }
  }

  private setDeviceState(slot: Slot, state: Pick<DeviceStatus, 'state' | 'reason'>): void {
    slot.deviceState = state;
    const status = this.makeStatus(slot.config, state);
    const previous = slot.status;
    // `since` is the time of the last change: an unchanged status keeps it.
    if (
      previous.state === status.state &&
      previous.reason?.code === status.reason?.code &&
      previous.calibration === status.calibration
    )
      return;
    slot.status = status;
    this.safeEmit('statusChanged', status);
  }

  private makeStatus(config: DeviceConfig, state: Pick<DeviceStatus, 'state' | 'reason'>): DeviceStatus {
    const calibration = this.calibrationOf(config.id);
    const blocked = calibrationBlocks(calibration) && (state.state === 'connected' || state.state === 'error');
    return {
      deviceId: config.id,
      ...modelFields(config.model),
      kind: DEVICE_CATALOGUE[config.model].kind,
      state: blocked ? 'unavailable' : state.state,
      reason: blocked
        ? {
            code: 'calibration-expired',
            detail: technicianDetail('calibration-expired', `calibration is ${calibration}`),
          }
        : state.reason,
      calibration,
      since: new Date(this.opts.deps.clock.now()).toISOString(),
    };
  }

  private calibrationOf(deviceId: string): DeviceStatus['calibration'] {
    try {
      return this.opts.calibration.stateOf(deviceId);
    } catch (error) {
      this.opts.deps.logger.error(`${deviceId}: calibration lookup failed: ${(error as Error).message}`);
      return 'unknown';
    }
  }

  private async onReading(slot: Slot, reading: DeviceReading): Promise<void> {
    if (reading.final && this.lent.has(slot.config.id)) return;
    if (!reading.final) {
      this.emitLive(slot, reading);
      return;
    }
    if (!reading.valid) {
      this.fail(slot, failureReason(reading.flags) ?? 'no-signal');
      return;
    }
    const measurement = this.toMeasurement(slot, reading);
    if (measurement === null) {
      this.fail(slot, 'out-of-range');
      return;
    }
    if (this.active?.deviceId === slot.config.id) this.active = null;
    try {
      await this.opts.record(measurement);
    } catch (error) {
      this.opts.deps.logger.error(`${slot.config.id}: recording a measurement failed: ${(error as Error).message}`);
      this.safeEmit('measurementFailed', { deviceId: slot.config.id, kind: measurement.kind, code: 'record-failed' });
      return;
    }
    this.safeEmit('measurementRecorded', measurement);
  }

  private toMeasurement(slot: Slot, reading: DeviceReading): Measurement | null {
    const { config } = slot;
    const candidate = measurementCandidate(config, reading, this.calibrationOf(config.id));
    const parsed = Measurement.safeParse(candidate);
    if (!parsed.success) {
      this.opts.deps.logger.warn(
        `${config.id}: final reading rejected: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
      return null;
    }
    try {
      return Measurement.parse(this.opts.calibration.apply(parsed.data));
    } catch (error) {
      this.opts.deps.logger.error(`${config.id}: calibration apply failed: ${(error as Error).message}`);
      return null;
    }
  }

  private emitLive(slot: Slot, reading: DeviceReading): void {
    const live = liveReadingOf(slot.config.id, reading, this.opts.deps.clock.now());
    // Oximeters send 60–75 frames/s; the screens need a few updates per second and every change of flags.
    const key = liveChangeKey(live);
    const now = this.opts.deps.clock.now();
    const last = slot.lastLive;
    if (last !== null && now - last.at < (last.key === key ? 1_000 : this.liveIntervalMs)) return;
    slot.lastLive = { at: now, key };
    this.safeEmit('liveReading', live);
  }

  private fail(slot: Slot, code: string): void {
    if (this.lent.has(slot.config.id)) return;
    const kind: MeasurementKind =
      this.active?.deviceId === slot.config.id
        ? this.active.kind
        : // Card readers have no slot here, so every slot's device takes a measurement.
          (measurementKindOf(DEVICE_CATALOGUE[slot.config.model].kind) ?? 'blood-pressure');
    if (this.active?.deviceId === slot.config.id) this.active = null;
    this.safeEmit('measurementFailed', { deviceId: slot.config.id, kind, code });
  }

  /** A listener that throws must not break the device that emitted. */
  private safeEmit<K extends keyof DeviceManagerEvents>(event: K, ...args: DeviceManagerEvents[K]): void {
    try {
      (this.emit as (e: K, ...a: DeviceManagerEvents[K]) => boolean)(event, ...args);
    } catch (error) {
      this.opts.deps.logger.error(`listener of ${String(event)} threw: ${(error as Error).message}`);
    }
  }
}
