import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A USB device's vendor and product ids (as `lsusb` and udev's ATTRS{idVendor}/{idProduct} show them). */
export interface UsbIds {
  readonly vendorId: number;
  readonly productId: number;
}

/** Whether a USB device with these ids is attached now. */
export type UsbPresence = (ids: UsbIds) => Promise<boolean>;

/**
 * USB presence from the kernel's sysfs device list, the one udev matches its rules on: each device
 * folder holds `idVendor` and `idProduct` as hex text. Needs no library and no permission; an
 * unreadable folder counts as no device.
 */
export function sysfsUsbPresence(root = '/sys/bus/usb/devices'): UsbPresence {
  const readId = async (dir: string, file: string) => {
    try {
      return Number.parseInt((await readFile(join(root, dir, file), 'utf8')).trim(), 16);
    } catch {
      return null;
    }
  };
  return async ({ vendorId, productId }) => {
    let entries: string[];
    try {
      entries = await readdir(root);
    } catch {
      return false;
    }
    for (const dir of entries) {
      if ((await readId(dir, 'idVendor')) === vendorId && (await readId(dir, 'idProduct')) === productId) return true;
    }
    return false;
  };
}

/** "0d8c" → 0x0d8c, as the config writes USB ids. */
export const parseUsbId = (hex: string): number => Number.parseInt(hex, 16);
