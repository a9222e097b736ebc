import type { EventEmitter } from 'node:events';

/** Which HID device to open: USB ids, and the hidraw path when several identical devices are attached. */
export interface HidDeviceSelector {
  /** USB vendor id, e.g. 0x0590 for Omron. */
  vendorId: number;
  productId: number;
  /** hidraw path (e.g. /dev/hidraw3); when absent the first device with the ids is opened. */
  path?: string | undefined;
}

/** Events of an open HID device. */
export interface HidDeviceEvents {
  /** One input report, as the OS delivered it (no report-id byte for devices without numbered reports). */
  data: [Uint8Array];
  /**
   * The device closed. `error` is null after our own `close()`, and set when it went away under
   * us (USB cable pulled, device powered off its USB side): the driver reports it as unplugged.
   */
  closed: [Error | null];
}

/**
 * The few operations a HID device driver needs. Implemented over `node-hid` (node-hid-transport.ts),
 * by the byte-level fake (fake-hid-device.ts) and by the simulators; drivers depend only on this.
 *
 * Reports written follow hidapi's convention, which the public Omron sources were written against:
 * byte 0 is the report number (0x00 for a device without numbered reports, and hidapi then sends
 * only the bytes after it), followed by the report's data.
 */
export interface HidDeviceHandle extends EventEmitter<HidDeviceEvents> {
  /** What was opened, for technician messages, e.g. "hid 0590:0090" or the hidraw path. */
  readonly description: string;
  /**
   * The device's release number from its USB descriptor (bcdDevice, e.g. 0x0102 for 1.02): the
   * firmware version as far as a HID device reports one. Absent or null when the opener has none.
   */
  readonly release?: number | null;
  /** Writes one output report (byte 0 = report number); rejects when closed or the write fails. */
  write(report: Uint8Array): Promise<void>;
  /** Sends one feature report (byte 0 = report number); rejects when closed or the device refuses it. */
  sendFeatureReport(report: Uint8Array): Promise<void>;
  /** Closes the device; idempotent; emits `closed` with null the first time. */
  close(): Promise<void>;
}

/** Opens a HID device; rejects with an Error naming the device (and the missing library, if that is why). */
export type HidOpener = (selector: HidDeviceSelector) => Promise<HidDeviceHandle>;

/** Raised by an opener whose native library cannot load: no retry will help until it is installed. */
export class HidLibraryMissingError extends Error {
  readonly code = 'hid-library-missing';
  constructor(message: string) {
    super(message);
    this.name = 'HidLibraryMissingError';
  }
}

/** "0590:0090" (and the path, when given), for messages. */
export function describeSelector(selector: HidDeviceSelector): string {
  const ids = `${hex4(selector.vendorId)}:${hex4(selector.productId)}`;
  return selector.path === undefined ? `hid ${ids}` : `hid ${ids} at ${selector.path}`;
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0');
