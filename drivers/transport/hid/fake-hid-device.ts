import { EventEmitter } from 'node:events';
import {
  describeSelector,
  type HidDeviceEvents,
  type HidDeviceHandle,
  type HidDeviceSelector,
  type HidOpener,
} from './hid-transport';

/**
 * A byte-level HID device for driver tests: records every output and feature report, lets the test
 * push input reports and pull the cable. `onWrite` can answer a report the way a device would.
 */
export class FakeHidDevice extends EventEmitter<HidDeviceEvents> implements HidDeviceHandle {
  readonly writes: Uint8Array[] = [];
  readonly featureReports: Uint8Array[] = [];
  closed = false;
  /** Called after each recorded output report (tests answer through `feed`). */
  onWrite: ((report: Uint8Array) => void) | null = null;

  constructor(readonly selector: HidDeviceSelector) {
    super();
  }

  get description(): string {
    return describeSelector(this.selector);
  }

  async write(report: Uint8Array): Promise<void> {
    if (this.closed) throw new Error(`${this.description}: device is not open`);
    this.writes.push(report.slice());
    this.onWrite?.(report);
  }

  async sendFeatureReport(report: Uint8Array): Promise<void> {
    if (this.closed) throw new Error(`${this.description}: device is not open`);
    this.featureReports.push(report.slice());
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.emit('closed', null);
  }

  /** An input report arriving from the device. */
  feed(report: Uint8Array): void {
    this.emit('data', report);
  }

  unplug(): void {
    this.closed = true;
    this.emit('closed', new Error('device disconnected'));
  }
}

/** An opener handing out FakeHidDevices (kept in `opened`), or failing while `missing` is set. */
export function fakeHidOpener(): { open: HidOpener; opened: FakeHidDevice[]; missing: { value: boolean } } {
  const opened: FakeHidDevice[] = [];
  const missing = { value: false };
  return {
    opened,
    missing,
    open: async (selector) => {
      if (missing.value) throw new Error(`cannot open ${describeSelector(selector)}: no such device`);
      const device = new FakeHidDevice(selector);
      opened.push(device);
      return device;
    },
  };
}
