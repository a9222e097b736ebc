import { EventEmitter } from 'node:events';
import type { DeviceStatus } from '../../common/devices/device-status';
import type { Clock } from '../../common/util/clock';
import type { Logger } from '../../common/util/logger';
import type { DeviceModelId } from '../catalogue/device-catalogue';
import type { DeviceEvents, KioskDevice } from './device';

/** How the kiosk tells the input is plugged in: its USB ids in sysfs, or a simulator's scenario. */
export interface UsbAudioProbe {
  /** What is looked for, in technicians' words ("USB 0d8c:0014"). */
  readonly name: string;
  present(): Promise<boolean>;
}

export interface UsbAudioInputDeps {
  clock: Clock;
  logger: Logger;
}

/** How often a connected input is checked for an unplug (ms): soon enough for the doctor's panel. */
const PRESENCE_POLL_MS = 2_000;

/**
 * A USB audio input the screens capture (the stethoscope): the kiosk's side only tells whether it
 * is plugged in, from its USB ids, so the patient's screens and the doctor see it available or not
 * like any device. Its sound never passes here: the screens open it with getUserMedia by its label
 * and send it to the doctor. An unplug is noticed by polling; the manager reopens with backoff.
 */
export class UsbAudioInput extends EventEmitter<DeviceEvents> implements KioskDevice {
  private poll: unknown = null;
  private closed = false;
  private last: DeviceStatus['state'] | null = null;

  constructor(
    readonly id: string,
    readonly model: DeviceModelId,
    private readonly probe: UsbAudioProbe,
    private readonly deps: UsbAudioInputDeps,
    private readonly pollMs = PRESENCE_POLL_MS,
  ) {
    super();
  }

  async open(): Promise<void> {
    this.closed = false;
    if (await this.check()) this.schedule();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.deps.clock.clearTimeout(this.poll);
    this.poll = null;
  }

  /** Nothing to start: the stethoscope is heard, not read (the screens stream it on the doctor's request). */
  async startMeasurement(): Promise<void> {}

  async cancelMeasurement(): Promise<void> {}

  /** Looks for the device; reports a change; true while it is there. */
  private async check(): Promise<boolean> {
    let present = false;
    try {
      present = await this.probe.present();
    } catch (error) {
      this.deps.logger.warn(`${this.id}: presence check failed: ${(error as Error).message}`);
    }
    if (this.closed) return false;
    const { name } = this.probe;
    if (present) this.report('connected', null);
    else if (this.last === 'connected')
      this.report('disconnected', { code: 'device-unplugged', detail: `${name} went away` });
    else this.report('disconnected', { code: 'usb-absent', detail: `${name} is not attached` });
    return present;
  }

  private schedule(): void {
    this.poll = this.deps.clock.setTimeout(() => {
      this.poll = null;
      if (this.closed) return;
      void this.check().then((present) => {
        if (present && !this.closed) this.schedule();
      });
    }, this.pollMs);
  }

  private report(state: DeviceStatus['state'], reason: DeviceStatus['reason']): void {
    this.last = state;
    this.emit('statusChanged', { state, reason });
  }
}
