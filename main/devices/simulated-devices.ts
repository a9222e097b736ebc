import { systemClock, type Clock } from '../../common/util/clock';
import { createLogger, type Logger } from '../../common/util/logger';
import { hidSimulation, serialSimulation } from '../../drivers/catalogue/simulations';
import { SimulatedHidAttachment, selectsAttachment } from '../../drivers/simulators/hid/simulated-hid-device';
import { PtyRunner } from '../../drivers/simulators/pty-runner';
import type { HidOpener } from '../../drivers/transport/hid/hid-transport';
import type { UsbAudioProbe } from '../../drivers/devices/usb-audio-input';
import {
  isUsbAudioScenario,
  simulatedUsbAudioProbe,
  USB_AUDIO_SCENARIOS,
} from '../../drivers/simulators/usb-audio/simulated-usb-audio';
import type { DeviceConfig } from '../../kiosk-config/schema';
import type { UsbAudioDeviceConfig } from './usb-audio-probe';

export interface SimulatedDevices {
  /** Device ids whose simulator runs (on a pty at the device's configured port). */
  readonly running: readonly string[];
  /** The runner of a device, for tests and the technician tools (unplug/replug). */
  runnerOf(deviceId: string): PtyRunner | undefined;
  /** Device ids whose HID simulator is attached (reached through `openHid`). */
  readonly hidRunning: readonly string[];
  /** The simulated HID device of a device, for tests and e2e (pressStart, unplug, replug). */
  hidOf(deviceId: string): SimulatedHidAttachment | undefined;
  /** A HidOpener that opens the simulated HID devices and hands every other selector to `fallback`. */
  openHid(fallback: HidOpener): HidOpener;
  /**
   * The presence of the simulated inputs the screens capture (the stethoscope, the examination
   * camera); every other device's from `fallback`.
   */
  usbAudioProbe(
    fallback: (device: UsbAudioDeviceConfig) => UsbAudioProbe,
  ): (device: UsbAudioDeviceConfig) => UsbAudioProbe;
  /** Stops every simulator and kills its socat; idempotent. */
  stop(): Promise<void>;
}

/**
 * Starts, for every configured serial device that has `simulator` set, the model's simulator on a
 * socat pty pair whose host end is the device's configured `port` — so the real driver opens it
 * like hardware. HID devices with `simulator` get a byte-level simulated device reached through
 * `openHid`; PC/SC is simulated by the card service; a USB audio input (the stethoscope) is present
 * or not as its scenario says (`usbAudioProbe`), its sound being the browser's fake audio input.
 * A simulator that cannot start is logged and skipped: the device then shows as unplugged.
 */
export async function startSimulatedDevices(
  devices: readonly DeviceConfig[],
  options: { logger?: Logger; clock?: Clock } = {},
): Promise<SimulatedDevices> {
  const log = options.logger ?? createLogger('kiosk:main:simulated-devices');
  const runners = new Map<string, PtyRunner>();
  const hid = startHidSimulators(devices, options.clock ?? systemClock, log);
  await Promise.all(
    devices.map(async (device) => {
      if (device.transport !== 'serial' || device.simulator === undefined) return;
      const simulation = serialSimulation(device.model);
      if (simulation === null) {
        log.warn(`${device.id}: no simulator for model ${device.model}`);
        return;
      }
      try {
        const runner = new PtyRunner({
          ...simulation,
          scenario: device.simulator.scenario,
          hostLink: device.port,
          logger: log,
        });
        await runner.start();
        runners.set(device.id, runner);
        log.info(`${device.id}: simulator ${device.model}/${device.simulator.scenario} on ${device.port}`);
      } catch (error) {
        log.error(`${device.id}: simulator did not start: ${(error as Error).message}`);
      }
    }),
  );
  let stopped = false;
  return {
    // In config order: the runners start concurrently and finish in any order.
    running: devices.filter((d) => runners.has(d.id)).map((d) => d.id),
    runnerOf: (id) => runners.get(id),
    hidRunning: [...hid.keys()],
    hidOf: (id) => hid.get(id)?.attachment,
    openHid: (fallback) => async (selector) => {
      const match = [...hid.values()].find((h) => selectsAttachment(selector, h.attachment.usb, h.path));
      return match === undefined ? fallback(selector) : match.attachment.open(selector);
    },
    usbAudioProbe: (fallback) => (device) => {
      if (device.simulator === undefined) return fallback(device);
      const { scenario } = device.simulator;
      if (isUsbAudioScenario(scenario)) return simulatedUsbAudioProbe(scenario);
      log.warn(
        `${device.id}: no scenario "${scenario}" for a USB audio or video input (${USB_AUDIO_SCENARIOS.join(', ')})`,
      );
      return simulatedUsbAudioProbe('unplugged');
    },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      for (const h of hid.values()) h.attachment.stop();
      await Promise.all([...runners.values()].map((r) => r.stop()));
    },
  };
}

/**
 * For every configured HID device with `simulator`, a byte-level simulated device reached through
 * `openHid` (no kernel device is needed: the driver gets the simulator's HidDeviceHandle).
 */
function startHidSimulators(devices: readonly DeviceConfig[], clock: Clock, log: Logger) {
  const attached = new Map<string, { attachment: SimulatedHidAttachment; path: string | undefined }>();
  for (const device of devices) {
    if (device.transport !== 'hid' || device.simulator === undefined) continue;
    const simulation = hidSimulation(device.model);
    if (simulation === null) {
      log.warn(`${device.id}: no simulator for model ${device.model}`);
      continue;
    }
    try {
      attached.set(device.id, {
        attachment: new SimulatedHidAttachment({ ...simulation, scenario: device.simulator.scenario, clock }),
        path: device.path,
      });
      log.info(`${device.id}: simulator ${device.model}/${device.simulator.scenario} on simulated USB`);
    } catch (error) {
      log.error(`${device.id}: simulator did not start: ${(error as Error).message}`);
    }
  }
  return attached;
}
