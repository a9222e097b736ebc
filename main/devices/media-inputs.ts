import type { MediaInput } from '../../common/devices/media-input';
import { DEVICE_CATALOGUE } from '../../drivers/catalogue/device-catalogue';
import type { DeviceConfig } from '../../kiosk-config/schema';

/**
 * The configured devices the screens capture themselves (the stethoscope), with the label parts
 * that pick each one's input: a simulated one is the catalogue's fake input; a real one is the
 * site config's label, else the catalogue's.
 */
export function mediaInputsOf(devices: readonly DeviceConfig[]): MediaInput[] {
  return devices.flatMap((device): MediaInput[] => {
    if (device.transport !== 'usb-audio') return [];
    const entry = DEVICE_CATALOGUE[device.model];
    if (entry.kind !== 'stethoscope') return [];
    const labels =
      device.simulator !== undefined
        ? [entry.simulator.label]
        : device.label !== undefined
          ? [device.label]
          : [...entry.transport.labels];
    return [{ deviceId: device.id, kind: 'stethoscope', labels }];
  });
}
