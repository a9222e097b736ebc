import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseUsbId, sysfsUsbPresence } from './usb-presence';

describe('USB presence from sysfs', () => {
  const root = mkdtempSync(join(tmpdir(), 'sysfs-usb-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const device = (name: string, vendor: string, product: string) => {
    mkdirSync(join(root, name));
    writeFileSync(join(root, name, 'idVendor'), `${vendor}\n`);
    writeFileSync(join(root, name, 'idProduct'), `${product}\n`);
  };
  device('1-1', '0590', '0090');
  device('1-2', '0d8c', '0014');
  // Interface folders (1-2:1.0) have no ids: skipped.
  mkdirSync(join(root, '1-2:1.0'));

  it('finds a device by its vendor and product ids, as udev does', async () => {
    const present = sysfsUsbPresence(root);
    expect(await present({ vendorId: parseUsbId('0d8c'), productId: parseUsbId('0014') })).toBe(true);
    expect(await present({ vendorId: 0x0d8c, productId: 0x0015 })).toBe(false);
    expect(await present({ vendorId: 0x0590, productId: 0x0014 })).toBe(false);
  });

  it('answers no device when the sysfs folder is missing', async () => {
    expect(await sysfsUsbPresence(join(root, 'nope'))({ vendorId: 1, productId: 2 })).toBe(false);
  });
});
