import type { DeviceModelId } from '../../common/devices/device-models';
import type { Clock } from '../../common/util/clock';
import type { Logger } from '../../common/util/logger';
import { createBloodPressureMonitor } from '../../drivers/devices/blood-pressure-monitor';
import type { KioskDevice } from '../../drivers/devices/device';
import { createOximeter } from '../../drivers/devices/oximeter';
import { DEFAULT_SPOT_CHECK } from '../../drivers/devices/spot-check';
import { createThermometer } from '../../drivers/devices/thermometer';
import type { HidOpener } from '../../drivers/transport/hid/hid-transport';
import type { SerialPortOpener } from '../../drivers/transport/serial/serial-port';
import type { DeviceConfig } from '../../kiosk-config/schema';

export type { HidOpener };

/** What every device factory is handed: time, a logger, and the transports' openers. */
export interface DeviceDeps {
  clock: Clock;
  logger: Logger;
  openSerial: SerialPortOpener;
  openHid: HidOpener | null;
}

/** Builds the driver of one configured device; never opens anything (the manager calls `open`). */
export type DeviceFactory = (config: DeviceConfig, deps: DeviceDeps) => KioskDevice;

function serialOnly(config: DeviceConfig): Extract<DeviceConfig, { transport: 'serial' }> {
  if (config.transport !== 'serial')
    throw new Error(`device ${config.id}: model ${config.model} is a serial device, got transport ${config.transport}`);
  return config;
}

const oximeter: DeviceFactory = (config, deps) => {
  const serial = serialOnly(config);
  const hold = serial.stableHoldSeconds;
  return createOximeter(
    serial,
    deps,
    hold === undefined ? {} : { spotCheck: { ...DEFAULT_SPOT_CHECK, holdMs: hold * 1000 } },
  );
};
const thermometer: DeviceFactory = (config, deps) => createThermometer(serialOnly(config), deps);
const bloodPressure: DeviceFactory = (config, deps) => {
  if (config.transport !== 'hid')
    throw new Error(`device ${config.id}: model ${config.model} is a HID device, got transport ${config.transport}`);
  const { openHid } = deps;
  // Without a HID opener (kioskctl tools that only list) every open fails with a clear message.
  const opener: HidOpener = openHid ?? (() => Promise.reject(new Error('no HID transport in this process')));
  return createBloodPressureMonitor(config, { clock: deps.clock, logger: deps.logger, openHid: opener });
};

/** One factory per device model the kiosk drives as a `KioskDevice` (pcsc readers are the card service's). */
export const deviceFactories: Partial<Record<DeviceModelId, DeviceFactory>> = {
  'contec-cms50-legacy': oximeter,
  'contec-cms50-v7': oximeter,
  'nonin-format2': oximeter,
  'nonin-format7': oximeter,
  'masimo-ascii': oximeter,
  'welch-allyn-suretemp': thermometer,
  'omron-hem790it': bloodPressure,
  'omron-hem7322u': bloodPressure,
};
