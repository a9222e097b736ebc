import { DEVICE_CATALOGUE } from '../../drivers/catalogue/device-catalogue';
import type { UsbAudioProbe } from '../../drivers/devices/usb-audio-input';
import { parseUsbId, sysfsUsbPresence, type UsbIds, type UsbPresence } from '../../drivers/transport/usb/usb-presence';
import type { DeviceConfig } from '../../kiosk-config/schema';

/** A device the screens capture and the kiosk finds by USB ids: the stethoscope, the examination camera. */
export type UsbAudioDeviceConfig = Extract<DeviceConfig, { transport: 'usb-audio' | 'uvc-camera' }>;

/** The configured device's USB ids: the site config's when given, else the catalogue's; null when neither has them. */
export function usbIdsOf(device: UsbAudioDeviceConfig): UsbIds | null {
  if (device.vendorId !== undefined && device.productId !== undefined)
    return { vendorId: parseUsbId(device.vendorId), productId: parseUsbId(device.productId) };
  const { transport } = DEVICE_CATALOGUE[device.model];
  return transport.type === 'usb-audio' || transport.type === 'uvc-camera' ? transport.usb : null;
}

/** Presence of a real USB audio input from its ids in sysfs (what udev sees). */
export function sysfsUsbAudioProbe(presence: UsbPresence = sysfsUsbPresence()) {
  return (device: UsbAudioDeviceConfig): UsbAudioProbe => {
    const ids = usbIdsOf(device);
    if (ids === null) return { name: 'a USB device without configured ids', present: async () => false };
    const hex = (n: number) => n.toString(16).padStart(4, '0');
    return { name: `USB ${hex(ids.vendorId)}:${hex(ids.productId)}`, present: () => presence(ids) };
  };
}
