import type { MediaInput } from '../../common/devices/media-input';
import { DEVICE_CATALOGUE } from '../../drivers/catalogue/device-catalogue';
import type { DeviceConfig } from '../../kiosk-config/schema';

/**
 * The configured devices the screens capture themselves (the stethoscope, the examination camera), with the label parts
 * that pick each one's input: the site config's label when it gives one, else a simulated one is
 * the catalogue's fake input, a real one the catalogue's labels.
 */
export function mediaInputsOf(devices: readonly DeviceConfig[]): MediaInput[] {
  return devices.flatMap((device): MediaInput[] => {
    if (device.transport !== 'usb-audio' && device.transport !== 'uvc-camera') return [];
    const entry = DEVICE_CATALOGUE[device.model];
    if (entry.kind !== 'stethoscope' && entry.kind !== 'exam-camera') return [];
    // A simulated one may name another fake input too: Chromium fed a Y4M file gives one camera,
    // labelled with the file's path.
    const labels =
      device.label !== undefined
        ? [device.label]
        : device.simulator !== undefined
          ? [entry.simulator.label]
          : [...entry.transport.labels];
    return [{ deviceId: device.id, kind: entry.kind, labels }];
  });
}
