import { EventEmitter } from 'node:events';
import type * as NodeHidModule from 'node-hid';
import type { HIDAsync } from 'node-hid';
import {
  describeSelector,
  HidLibraryMissingError,
  type HidDeviceEvents,
  type HidDeviceHandle,
  type HidOpener,
} from './hid-transport';

type NodeHid = typeof NodeHidModule;

let loaded: Promise<NodeHid> | null = null;

/**
 * node-hid is loaded on first use, not at import: both of its Linux prebuilds (hidraw and libusb)
 * link libusb-1.0.so.0 (PROTOCOLS.md §5.4), so without Debian's libusb-1.0-0 the import itself
 * throws — that must become a device status naming the package, not a kiosk that does not start.
 */
async function loadNodeHid(): Promise<NodeHid> {
  loaded ??= import('node-hid')
    .then((module) => {
      const hid = (module as { default?: NodeHid }).default ?? module;
      // Enumerating loads the native binding, so a missing libusb shows here and not mid-open.
      hid.devices(0, 0);
      return hid;
    })
    .catch((error: unknown) => {
      loaded = null;
      const message = error instanceof Error ? error.message : String(error);
      const hint = /libusb/i.test(message)
        ? 'install the Debian package libusb-1.0-0'
        : 'node-hid needs the Debian packages libusb-1.0-0 and libudev1';
      throw new HidLibraryMissingError(`node-hid cannot load (${hint}): ${message}`);
    });
  return loaded;
}

/** `HidDeviceHandle` over node-hid 3's HIDAsync (reads on its own thread, events on the loop). */
class NodeHidDevice extends EventEmitter<HidDeviceEvents> implements HidDeviceHandle {
  private closedOnce = false;

  constructor(
    readonly description: string,
    private readonly device: HIDAsync,
    readonly release: number | null,
  ) {
    super();
    device.on('data', (data: Buffer) =>
      this.emit('data', new Uint8Array(data.buffer, data.byteOffset, data.byteLength)),
    );
    // node-hid reports an unplug as a read error: for us it is the device going away.
    device.on('error', (error: Error) => {
      void device.close().catch(() => undefined);
      this.finish(error instanceof Error ? error : new Error(String(error)));
    });
  }

  private finish(error: Error | null): void {
    if (this.closedOnce) return;
    this.closedOnce = true;
    this.emit('closed', error);
  }

  async write(report: Uint8Array): Promise<void> {
    if (this.closedOnce) throw new Error(`${this.description}: device is not open`);
    try {
      await this.device.write(Buffer.from(report));
    } catch (error) {
      throw new Error(`${this.description}: write failed: ${(error as Error).message}`);
    }
  }

  async sendFeatureReport(report: Uint8Array): Promise<void> {
    if (this.closedOnce) throw new Error(`${this.description}: device is not open`);
    try {
      await this.device.sendFeatureReport(Buffer.from(report));
    } catch (error) {
      throw new Error(`${this.description}: feature report failed: ${(error as Error).message}`);
    }
  }

  async close(): Promise<void> {
    if (this.closedOnce) return;
    // A failed close leaves nothing to do: the handle is gone either way.
    await this.device.close().catch(() => undefined);
    this.finish(null);
  }
}

/** Opens a real HID device with node-hid (hidraw driver on Linux; needs udev rules for access). */
export const openNodeHid: HidOpener = async (selector) => {
  const hid = await loadNodeHid();
  const description = describeSelector(selector);
  try {
    const device =
      selector.path === undefined
        ? await hid.HIDAsync.open(selector.vendorId, selector.productId)
        : await hid.HIDAsync.open(selector.path);
    // The descriptor's release number is the only firmware version a HID cuff gives.
    const info = await device.getDeviceInfo().catch(() => null);
    return new NodeHidDevice(description, device, info?.release ?? null);
  } catch (error) {
    throw new Error(`cannot open ${description}: ${(error as Error).message}`);
  }
};
