import type { Clock } from '../../common/util/clock';
import type { Logger } from '../../common/util/logger';
import { DEVICE_CATALOGUE } from '../../drivers/catalogue/device-catalogue';
import { BloodPressureMonitor } from '../../drivers/devices/blood-pressure-monitor';
import type { KioskDevice } from '../../drivers/devices/device';
import { Oximeter } from '../../drivers/devices/oximeter';
import { DEFAULT_SPOT_CHECK } from '../../drivers/devices/spot-check';
import { Thermometer } from '../../drivers/devices/thermometer';
import { UsbAudioInput, type UsbAudioProbe } from '../../drivers/devices/usb-audio-input';
import type { HidOpener } from '../../drivers/transport/hid/hid-transport';
import type { SerialPortOpener } from '../../drivers/transport/serial/serial-port';
import type { DeviceConfig } from '../../kiosk-config/schema';
import { sysfsUsbAudioProbe, type UsbAudioDeviceConfig } from './usb-audio-probe';

export type { HidOpener };

/** What every device factory is handed: time, a logger, and the transports' openers. */
export interface DeviceDeps {
  clock: Clock;
  logger: Logger;
  openSerial: SerialPortOpener;
  openHid: HidOpener | null;
  /** How a USB audio input (the stethoscope) is found plugged in; default its USB ids in sysfs. */
  usbAudioProbe?: (device: UsbAudioDeviceConfig) => UsbAudioProbe;
}

/**
 * Builds the driver of one configured device, or null when the kiosk drives none for it (card
 * readers are the card service's); never opens anything (the manager calls `open`).
 */
export type DeviceFactory = (config: DeviceConfig, deps: DeviceDeps) => KioskDevice | null;

function transportOf<T extends DeviceConfig['transport']>(
  config: DeviceConfig,
  expected: T,
): Extract<DeviceConfig, { transport: T }> {
  if (config.transport !== expected)
    throw new Error(
      `device ${config.id}: model ${config.model} is a ${expected} device, got transport ${config.transport}`,
    );
  return config as Extract<DeviceConfig, { transport: T }>;
}

/** The driver for the configured model's kind, as the device catalogue gives it. */
export const createKioskDevice: DeviceFactory = (config, deps) => {
  const kind = DEVICE_CATALOGUE[config.model].kind;
  switch (kind) {
    case 'oximeter': {
      const serial = transportOf(config, 'serial');
      const hold = serial.stableHoldSeconds;
      return new Oximeter(
        serial,
        deps,
        hold === undefined ? {} : { spotCheck: { ...DEFAULT_SPOT_CHECK, holdMs: hold * 1000 } },
      );
    }
    case 'thermometer':
      return new Thermometer(transportOf(config, 'serial'), deps);
    case 'blood-pressure': {
      const hid = transportOf(config, 'hid');
      // Without a HID opener (kioskctl tools that only list) every open fails with a clear message.
      const openHid = deps.openHid ?? (() => Promise.reject(new Error('no HID transport in this process')));
      return new BloodPressureMonitor(hid, { clock: deps.clock, logger: deps.logger, openHid });
    }
    case 'card-reader':
      return null;
    case 'stethoscope':
    case 'exam-camera': {
      // Both are present or not by their USB ids; the screens capture them.
      const audio = transportOf(config, kind === 'stethoscope' ? 'usb-audio' : 'uvc-camera');
      const probe = (deps.usbAudioProbe ?? sysfsUsbAudioProbe())(audio);
      return new UsbAudioInput(audio.id, audio.model, probe, { clock: deps.clock, logger: deps.logger });
    }
    default:
      return kind satisfies never;
  }
};
