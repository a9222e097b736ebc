import { EventEmitter } from 'node:events';
import type { DeviceStatus } from '../../common/devices/device-status';
import { sleep, type Clock } from '../../common/util/clock';
import type { Logger } from '../../common/util/logger';
import { deviceLocalToEpochMs, type BloodPressureFrame } from '../protocols/blood-pressure-frame';
import { toHex } from '../protocols/frames';
import { HidLibraryMissingError, type HidDeviceHandle, type HidOpener } from '../transport/hid/hid-transport';
import { catalogueEntry, type DeviceModelId } from '../catalogue/device-catalogue';
import type { DeviceEvents, DeviceReading, KioskDevice } from './device';
import { HidDeviceLink, HidLinkClosedError } from './hid-link';
import type { OmronDownload, OmronDownloadResult } from './omron-download';

type Status = Pick<DeviceStatus, 'state' | 'reason'>;

/** What the monitor needs from its configuration (ids as the config writes them: 4 hex digits). */
export interface HidDeviceConfig {
  id: string;
  model: DeviceModelId;
  vendorId: string;
  productId: string;
  path?: string | undefined;
}

export interface BloodPressureMonitorDeps {
  clock: Clock;
  logger: Logger;
  openHid: HidOpener;
}

export interface BloodPressureMonitorOptions {
  /** Waiting for START plus the cuff's own measurement (about a minute) before failing with 'timeout' (ms). */
  startTimeoutMs: number;
  /** Pause between download attempts while the device sleeps (ms). */
  retryIntervalMs: number;
  /**
   * A record counts as this measurement's when its device time is no earlier than this before the
   * measurement started (ms). Small on purpose: a previous patient's reading must never be taken
   * for this one; it covers the cuff's minute resolution and a little clock drift.
   */
  freshBeforeStartMs: number;
  /** Unreadable downloads in a row before the measurement fails with 'unreadable-data'. */
  maxUnreadable: number;
}

/** Stable status reason codes of HID devices (see main/devices/status-reasons.ts). */
export type HidStatusCode = 'device-unplugged' | 'port-unavailable' | 'hid-library-missing' | 'no-protocol';

export const DEFAULT_BLOOD_PRESSURE_OPTIONS: BloodPressureMonitorOptions = {
  startTimeoutMs: 180_000,
  retryIntervalMs: 1_000,
  freshBeforeStartMs: 120_000,
  maxUnreadable: 3,
};

interface Measurement {
  startedAt: number;
  /** The device was seen asleep during this measurement: the next record it gives follows START. */
  sawAsleep: boolean;
  /** Raw bytes of the newest record seen before any sleep: it predates START, never the result. */
  baseline: string | null;
  unreadable: number;
}

/**
 * An Omron blood-pressure monitor on USB HID (HEM-790IT, HEM-7322U). Its memory is downloaded, not
 * streamed: `startMeasurement` waits for the patient to press START (the device sleeps or refuses
 * until then), downloads the newest record and emits it as the final reading — or
 * `measurementFailed` ('cuff-error' when the device woke with nothing new, 'no-record', 'timeout',
 * 'out-of-range', 'device-unplugged'). Nothing here throws to the caller.
 */
export class BloodPressureMonitor extends EventEmitter<DeviceEvents> implements KioskDevice {
  readonly id: string;
  readonly model: DeviceModelId;
  private readonly options: BloodPressureMonitorOptions;
  /** The configured model's download, from the device catalogue; null when it is no blood-pressure monitor. */
  private readonly download: OmronDownload | null;
  private status: Status = { state: 'disconnected', reason: null };
  private handle: HidDeviceHandle | null = null;
  /** The last opened device's release number (kept across an unplug: the same unit comes back). */
  private descriptorRelease: number | null = null;
  private link: HidDeviceLink | null = null;
  private measurement: Measurement | null = null;
  private opening: Promise<void> | null = null;
  /** The measurement loop in flight; a new one waits for it so two downloads never share the link. */
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly config: HidDeviceConfig,
    private readonly deps: BloodPressureMonitorDeps,
    options: Partial<BloodPressureMonitorOptions> = {},
  ) {
    super();
    this.id = config.id;
    this.model = config.model;
    this.options = { ...DEFAULT_BLOOD_PRESSURE_OPTIONS, ...options };
    const entry = catalogueEntry(config.model);
    this.download = entry.kind === 'blood-pressure' ? entry.protocol.download : null;
  }

  /** The USB descriptor's release number as "major.minor" (BCD), once the device was opened. */
  get firmware(): string | null {
    return this.descriptorRelease === null ? null : bcdRelease(this.descriptorRelease);
  }

  get currentStatus(): Status {
    return this.status;
  }

  async open(): Promise<void> {
    this.opening ??= this.doOpen().finally(() => {
      this.opening = null;
    });
    return this.opening;
  }

  private async doOpen(): Promise<void> {
    if (this.download === null) {
      this.setStatus(
        'error',
        'no-protocol',
        `model ${this.model} is not a blood-pressure monitor of the device catalogue`,
      );
      return;
    }
    if (this.handle !== null) return;
    // After an unplug the status keeps its reason until the reopen succeeds (no flapping).
    if (!(this.status.state === 'disconnected' && this.status.reason !== null)) this.setStatus('connecting');
    const selector = {
      vendorId: Number.parseInt(this.config.vendorId, 16),
      productId: Number.parseInt(this.config.productId, 16),
      path: this.config.path,
    };
    let handle: HidDeviceHandle;
    try {
      handle = await this.deps.openHid(selector);
    } catch (error) {
      const message = (error as Error).message;
      if (error instanceof HidLibraryMissingError) this.setStatus('error', 'hid-library-missing', message);
      // Repeated even when unchanged: the device manager schedules its next reconnect on this event.
      else this.setStatus('disconnected', 'port-unavailable', message, true);
      return;
    }
    this.handle = handle;
    this.descriptorRelease = handle.release ?? null;
    this.link = new HidDeviceLink(
      handle,
      this.deps.clock,
      (frame) => this.emit('frameDecoded', frame),
      (what, error) => this.deps.logger.warn(`${this.id}: ${what} failed: ${error.message}`),
    );
    handle.on('closed', (error) => {
      if (this.handle !== handle || error === null) return;
      this.release();
      this.fail('device-unplugged');
      this.setStatus('disconnected', 'device-unplugged', `${handle.description} went away: ${error.message}`);
    });
    this.setStatus('connected');
  }

  async startMeasurement(): Promise<void> {
    const measurement: Measurement = {
      startedAt: this.deps.clock.now(),
      sawAsleep: false,
      baseline: null,
      unreadable: 0,
    };
    this.link?.interrupt('a new measurement started');
    this.measurement = measurement;
    // Not awaited: the outcome arrives as readingReceived / measurementFailed.
    this.running = this.running
      .then(() => this.run(measurement))
      .catch((error: unknown) => {
        if (this.measurement !== measurement || error instanceof HidLinkClosedError) return;
        this.deps.logger.error(`${this.id}: measurement failed: ${(error as Error).message}`);
        this.fail('unreadable-data');
      });
  }

  async cancelMeasurement(): Promise<void> {
    if (this.measurement === null) return;
    this.measurement = null;
    this.link?.interrupt('measurement cancelled');
  }

  async close(): Promise<void> {
    await this.cancelMeasurement();
    const handle = this.handle;
    this.release();
    if (handle !== null) await handle.close().catch(() => undefined);
    this.setStatus('disconnected', null);
  }

  private async run(m: Measurement): Promise<void> {
    const download = this.download;
    while (this.measurement === m && download !== null) {
      if (this.deps.clock.now() - m.startedAt >= this.options.startTimeoutMs) return this.fail('timeout');
      const link = this.link;
      if (link === null) return this.fail('device-unplugged');
      const result = await download(link);
      if (this.measurement !== m) return;
      if (this.settle(m, result)) return;
      await sleep(this.deps.clock, this.options.retryIntervalMs);
    }
  }

  /** Acts on one download; true when the measurement is over (reading or failure). */
  private settle(m: Measurement, result: OmronDownloadResult): boolean {
    if (result.type === 'asleep') {
      m.sawAsleep = true;
      return false;
    }
    if (result.type === 'unreadable') {
      m.unreadable += 1;
      this.deps.logger.warn(
        `${this.id}: unreadable download (${m.unreadable}/${this.options.maxUnreadable}): ${result.detail}`,
      );
      if (m.unreadable < this.options.maxUnreadable) return false;
      this.fail('unreadable-data');
      return true;
    }
    m.unreadable = 0;
    const newest = result.newest;
    if (newest !== null && this.isNew(m, newest)) {
      if (!newest.valid) this.fail(newest.flags.includes('out-of-range') ? 'out-of-range' : 'no-record');
      else this.emitFinal(newest);
      return true;
    }
    if (m.sawAsleep) {
      // START was pressed (the device woke) but it holds nothing newer: the cuff measurement ended
      // in error (E1, E2… on its display; USB does not carry the code), or the memory is empty.
      this.deps.logger.info(
        `${this.id}: device woke without a new record (${newest === null ? 'memory empty' : 'newest record predates the measurement'})`,
      );
      this.fail(newest === null ? 'no-record' : 'cuff-error');
      return true;
    }
    // Awake from the start: what it holds predates START. The download ended its session, so it
    // sleeps until the patient presses START.
    if (newest !== null) m.baseline ??= toHex(newest.raw, '');
    return false;
  }

  private isNew(m: Measurement, record: BloodPressureFrame): boolean {
    if (m.baseline !== null && toHex(record.raw, '') === m.baseline) return false;
    const at = record.takenAt === null ? Number.NaN : deviceLocalToEpochMs(record.takenAt);
    if (Number.isNaN(at)) return false;
    const ahead = at - this.deps.clock.now();
    // A cuff clock running ahead still gives this measurement's record; the technician should fix it.
    if (ahead > this.options.freshBeforeStartMs)
      this.deps.logger.warn(`${this.id}: the device clock is ${Math.round(ahead / 60_000)} min ahead of the kiosk`);
    return at >= m.startedAt - this.options.freshBeforeStartMs;
  }

  private emitFinal(record: BloodPressureFrame): void {
    this.measurement = null;
    const at = record.takenAt === null ? Number.NaN : deviceLocalToEpochMs(record.takenAt);
    const takenAt = new Date(Number.isNaN(at) ? this.deps.clock.now() : at).toISOString();
    const reading: DeviceReading = { ...record, final: true, takenAt, progress: null };
    this.emit('readingReceived', reading);
  }

  private fail(code: string): void {
    if (this.measurement === null) return;
    this.measurement = null;
    this.emit('measurementFailed', { code });
  }

  private release(): void {
    this.link?.close('device closed');
    this.link = null;
    this.handle = null;
  }

  private setStatus(state: Status['state'], code: HidStatusCode | null = null, detail = '', repeat = false): void {
    const reason = code === null ? null : { code, detail };
    if (!repeat && this.status.state === state && this.status.reason?.code === reason?.code) return;
    this.status = { state, reason };
    this.deps.logger.info(`${this.id}: ${state}${code ? ` (${code})` : ''}`);
    this.emit('statusChanged', this.status);
  }
}

/** A USB bcdDevice as people write it: 0x0102 → "1.02". */
export function bcdRelease(release: number): string {
  return `${(release >> 8).toString(16)}.${(release & 0xff).toString(16).padStart(2, '0')}`;
}
