import { EventEmitter } from 'node:events';
import type { Clock } from '../../../common/util/clock';
import {
  describeSelector,
  type HidDeviceEvents,
  type HidDeviceHandle,
  type HidDeviceSelector,
  type HidOpener,
} from '../../transport/hid/hid-transport';
import type { HidSimulatorModel, HidSimulatorSession } from './hid-simulator-model';
import { SimulatedCuff } from './omron-cuff';

/** A model's simulator as the catalogue gives it (`hidSimulation`): its name and USB ids with it. */
export interface HidSimulation {
  name: string;
  usb: { readonly vendorId: number; readonly productId: number };
  model: HidSimulatorModel;
}

export interface SimulatedHidAttachmentOptions extends HidSimulation {
  scenario: string;
  clock: Clock;
  /** False: START is pressed only through `pressStart()` (tests); default true. */
  autoStart?: boolean;
  /** 'unplug' scenario: time unplugged before the replug (ms, default 3000). */
  replugAfterMs?: number;
}

/**
 * A simulated HID device on a USB port, byte-level: `open` (a HidOpener) hands out handles whose
 * output reports go to the model and whose input reports are the model's answers, delivered
 * asynchronously as a real device's would be. The cuff state (memory, awake) survives unplugs.
 * Simulator controls at the end: pressStart, unplug, replug.
 */
export class SimulatedHidAttachment {
  readonly cuff: SimulatedCuff;
  plugged = true;
  /** Input reports delivered since the last START (the unplug scenario counts them). */
  private reportsSinceStart = 0;
  private startsSeen = 0;
  private unpluggedOnce = false;
  private handle: SimulatedHidHandle | null = null;
  private replugTimer: unknown = null;

  constructor(private readonly options: SimulatedHidAttachmentOptions) {
    if (!options.model.scenarios.includes(options.scenario)) {
      throw new Error(
        `simulator ${options.name}: unknown scenario "${options.scenario}"; valid scenarios: ${options.model.scenarios.join(', ')}`,
      );
    }
    this.cuff = new SimulatedCuff(options.scenario, options.clock, options.autoStart ?? true);
  }

  get usb(): HidSimulation['usb'] {
    return this.options.usb;
  }

  readonly open: HidOpener = async (selector) => {
    if (!this.plugged)
      throw new Error(
        `cannot open ${describeSelector(selector)}: no such device (simulated ${this.options.name} unplugged)`,
      );
    if (selector.vendorId !== this.usb.vendorId || selector.productId !== this.usb.productId) {
      throw new Error(
        `cannot open ${describeSelector(selector)}: the simulated ${this.options.name} is ${describeSelector(this.usb)}`,
      );
    }
    this.handle?.lose(null);
    this.handle = new SimulatedHidHandle(describeSelector(selector), this, this.options.model.create(this.cuff));
    return this.handle;
  };

  /** Called by the handle for each answer it is about to deliver; false: the cable was pulled instead. */
  delivering(): boolean {
    if (this.cuff.starts !== this.startsSeen) {
      this.startsSeen = this.cuff.starts;
      this.reportsSinceStart = 0;
    }
    this.reportsSinceStart += 1;
    const limit = this.cuff.spec.unplugAfterReports;
    if (limit !== null && !this.unpluggedOnce && this.cuff.starts > 0 && this.reportsSinceStart >= limit) {
      this.unpluggedOnce = true;
      this.unplug();
      this.replugTimer = this.options.clock.setTimeout(() => this.replug(), this.options.replugAfterMs ?? 3_000);
      return false;
    }
    return true;
  }

  stop(): void {
    this.cuff.stop();
    if (this.replugTimer !== null) this.options.clock.clearTimeout(this.replugTimer);
    this.replugTimer = null;
    this.handle?.lose(null);
    this.handle = null;
  }

  // --- simulator controls -------------------------------------------------------------------

  /** The patient presses START: the cuff measures and the device wakes. */
  pressStart(): void {
    this.cuff.pressStart();
  }

  /** Pulls the cable: the open handle closes with an error, opens fail until `replug`. */
  unplug(): void {
    this.plugged = false;
    // Pulling the cable mid-download loses the device's state but not its memory.
    this.cuff.sleep();
    this.handle?.lose(new Error('device disconnected (simulated unplug)'));
    this.handle = null;
  }

  replug(): void {
    this.replugTimer = null;
    this.plugged = true;
  }
}

/** The HidDeviceHandle of a simulated device. */
class SimulatedHidHandle extends EventEmitter<HidDeviceEvents> implements HidDeviceHandle {
  private closed = false;
  /** A descriptor's release number as a real unit has one (1.00), so the diagnostics show it. */
  readonly release = 0x0100;

  constructor(
    readonly description: string,
    private readonly attachment: SimulatedHidAttachment,
    private readonly session: HidSimulatorSession,
  ) {
    super();
  }

  async write(report: Uint8Array): Promise<void> {
    if (this.closed) throw new Error(`${this.description}: device is not open`);
    const answers = this.session.write(report.slice());
    // Answers arrive after the write returns, as from a real device's interrupt endpoint.
    queueMicrotask(() => {
      for (const answer of answers) {
        if (this.closed || !this.attachment.delivering()) return;
        this.emit('data', answer);
      }
    });
  }

  async sendFeatureReport(report: Uint8Array): Promise<void> {
    if (this.closed) throw new Error(`${this.description}: device is not open`);
    this.session.feature(report.slice());
  }

  async close(): Promise<void> {
    this.lose(null);
  }

  /** Ends the handle: null for a close, an Error for an unplug. */
  lose(error: Error | null): void {
    if (this.closed) return;
    this.closed = true;
    this.emit('closed', error);
  }
}

/** Matches a selector to an attachment by USB ids (and path when both give one). */
export function selectsAttachment(
  selector: HidDeviceSelector,
  usb: { vendorId: number; productId: number },
  path?: string,
): boolean {
  if (selector.vendorId !== usb.vendorId || selector.productId !== usb.productId) return false;
  return selector.path === undefined || path === undefined || selector.path === path;
}
