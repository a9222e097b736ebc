import type { Measurement } from '../../common/devices/measurement';
import { systemClock, type Clock } from '../../common/util/clock';
import { createLogger } from '../../common/util/logger';
import { openNodeHid } from '../../drivers/transport/hid/node-hid-transport';
import { openNodeSerialPort } from '../../drivers/transport/serial/node-serial-port';
import type { SerialPortOpener } from '../../drivers/transport/serial/serial-port';
import type { KioskConfig } from '../../kiosk-config/schema';
import type { KioskEventHub } from '../ipc/event-hub';
import { InMemoryCalibration, type CalibrationProvider } from './calibration';
import { createKioskDevice, type DeviceDeps } from './device-factories';
import { DeviceManager } from './device-manager';
import { startSimulatedDevices, type SimulatedDevices } from './simulated-devices';
import { sysfsUsbAudioProbe } from './usb-audio-probe';

const log = createLogger('kiosk:main:devices');

export interface KioskDevices {
  readonly manager: DeviceManager;
  readonly simulators: SimulatedDevices;
  /** Stops the devices, then the simulators (so the drivers see a clean close, not an unplug). */
  close(): Promise<void>;
}

export interface KioskDevicesOptions {
  config: Pick<KioskConfig, 'devices'>;
  /** Where manager events go to the screens; omitted by kioskctl. */
  events?: KioskEventHub;
  record: (m: Measurement) => void | Promise<void>;
  calibration?: CalibrationProvider;
  clock?: Clock;
  openSerial?: SerialPortOpener;
  openHid?: DeviceDeps['openHid'];
  /** The technician's device event log (DeviceRegister): every status change lands there. */
  deviceLog?: { recordEvent(event: { deviceId: string; type: string; detail: string }): void };
}

/**
 * The device layer as the composition root starts it: simulators first (configured devices with
 * `simulator`, on ptys at their configured ports), then the manager, whose events are forwarded to
 * the screens. Never throws for a device: a missing port or a failing driver is a device status.
 */
export async function startKioskDevices(options: KioskDevicesOptions): Promise<KioskDevices> {
  const simulators = await startSimulatedDevices(
    options.config.devices,
    options.clock === undefined ? {} : { clock: options.clock },
  );
  const manager = new DeviceManager({
    devices: options.config.devices,
    createDevice: createKioskDevice,
    deps: {
      clock: options.clock ?? systemClock,
      logger: createLogger('kiosk:drivers:devices'),
      openSerial: options.openSerial ?? openNodeSerialPort,
      // Simulated HID devices are reached through the same opener as real ones.
      openHid: simulators.openHid(options.openHid ?? openNodeHid),
      usbAudioProbe: simulators.usbAudioProbe(sysfsUsbAudioProbe()),
    },
    calibration: options.calibration ?? new InMemoryCalibration(),
    record: options.record,
  });
  if (options.deviceLog !== undefined) logStatusChanges(manager, options.deviceLog);
  if (options.events !== undefined) forwardToScreens(manager, options.events);
  await manager.start();
  return {
    manager,
    simulators,
    close: async () => {
      await manager.stop();
      await simulators.stop();
    },
  };
}

/** Every status change into the technician's device event log; a failed write is logged, not thrown. */
function logStatusChanges(manager: DeviceManager, deviceLog: NonNullable<KioskDevicesOptions['deviceLog']>): void {
  manager.on('statusChanged', (s) => {
    try {
      deviceLog.recordEvent({
        deviceId: s.deviceId,
        type: s.reason ? `${s.state}:${s.reason.code}` : s.state,
        detail: s.reason?.detail ?? '',
      });
    } catch (error) {
      log.error(`device event not logged: ${(error as Error).message}`);
    }
  });
}

/** The manager's events to the screens through the IPC contract. */
function forwardToScreens(manager: DeviceManager, hub: KioskEventHub): void {
  // A payload the contract rejects is a bug to log, not a reason to stop the device.
  const forward =
    <T>(send: (value: T) => void) =>
    (value: T) => {
      try {
        send(value);
      } catch (error) {
        log.error(`event not forwarded: ${(error as Error).message}`);
      }
    };
  manager.on(
    'statusChanged',
    forward((s) => hub.emit('onDeviceStatusChanged', s)),
  );
  manager.on(
    'liveReading',
    forward((r) => hub.emit('onLiveReading', r)),
  );
  manager.on(
    'pleth',
    forward((p) => hub.emit('onPlethReceived', p)),
  );
  manager.on(
    'measurementRecorded',
    forward((m) => hub.emit('onMeasurementRecorded', m)),
  );
}
