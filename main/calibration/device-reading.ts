import type { Clock } from '../../common/util/clock';
import type { DeviceReading, KioskDevice } from '../../drivers/devices/device';
import { DeviceReadingError, type SettingValues } from './calibration-wizard';

/** What reading a device for a calibration needs of the device manager. */
export interface CalibrationDeviceLender {
  lendForCalibration<T>(deviceId: string, use: (device: KioskDevice) => Promise<T>): Promise<T | null>;
}

/**
 * The device's own reading of the reference's current setting, through its protocol: a spot check
 * on the device lent by the manager (not recorded as a patient's measurement), its final reading
 * as the values of the quantities checked. Rejects with a DeviceReadingError: 'device-unplugged'
 * when it is not on its port or leaves it, 'no-reading' when the check fails (probe out, no
 * signal) or nothing final comes within `timeoutMs`.
 */
export async function readDeviceForCalibration(
  lender: CalibrationDeviceLender,
  deviceId: string,
  clock: Clock,
  timeoutMs: number,
): Promise<SettingValues> {
  const values = await lender.lendForCalibration(deviceId, (device) => finalReading(device, clock, timeoutMs));
  if (values === null) throw new DeviceReadingError('device-unplugged', `${deviceId} is not on its port`);
  return values;
}

function finalReading(device: KioskDevice, clock: Clock, timeoutMs: number): Promise<SettingValues> {
  return new Promise<SettingValues>((resolve, reject) => {
    const cleanup = () => {
      clock.clearTimeout(timer);
      device.off('readingReceived', onReading);
      device.off('measurementFailed', onFailed);
      device.off('statusChanged', onStatus);
    };
    const settle = (outcome: SettingValues | DeviceReadingError) => {
      cleanup();
      void device.cancelMeasurement().catch(() => undefined);
      if (outcome instanceof DeviceReadingError) reject(outcome);
      else resolve(outcome);
    };
    const onReading = (reading: DeviceReading) => {
      if (!reading.final) return;
      settle(
        reading.valid
          ? valuesOf(reading)
          : new DeviceReadingError('no-reading', `the device's reading is not valid (${reading.flags.join(', ')})`),
      );
    };
    const onFailed = ({ code }: { code: string }) =>
      settle(new DeviceReadingError('no-reading', `the device could not measure: ${code}`));
    const onStatus = ({ state }: { state: string }) => {
      if (state === 'disconnected') settle(new DeviceReadingError('device-unplugged', 'the device left its port'));
    };
    const timer = clock.setTimeout(
      () => settle(new DeviceReadingError('no-reading', `no reading from the device within ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
    device.on('readingReceived', onReading);
    device.on('measurementFailed', onFailed);
    device.on('statusChanged', onStatus);
    device
      .startMeasurement()
      .catch((error: unknown) =>
        settle(new DeviceReadingError('no-reading', `the device refused to measure: ${(error as Error).message}`)),
      );
  });
}

/** The quantities a final reading gives, as the calibration rows name them. */
function valuesOf(reading: DeviceReading): SettingValues {
  switch (reading.type) {
    case 'temperature':
      return reading.celsius === null ? {} : { temperature: reading.celsius };
    case 'oximetry':
      return {
        ...(reading.spo2 !== null && { spo2: reading.spo2 }),
        ...(reading.pulseRate !== null && { 'pulse-rate': reading.pulseRate }),
      };
    case 'blood-pressure':
      return {};
  }
}
