import { describe, expect, it } from 'vitest';
import { HidLibraryMissingError } from './hid-transport';
import { openNodeHid } from './node-hid-transport';

describe('openNodeHid (real node-hid; setup installs libusb-1.0-0)', () => {
  it('loads node-hid and rejects an absent device with a message naming it, not as a missing library', async () => {
    const error = await openNodeHid({ vendorId: 0x0590, productId: 0x0090, path: '/dev/hidraw-kiosk-none' }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(HidLibraryMissingError);
    expect(error?.message).toContain('cannot open hid 0590:0090 at /dev/hidraw-kiosk-none');
  });
});
