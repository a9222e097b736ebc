import type { DeviceDiagnostics, DeviceFrame } from '../../common/devices/diagnostics';
import type { DeviceStatus } from '../../common/devices/device-status';
import type { DeviceMaintenance } from '../../common/staff/staff';
import type { DecodedFrame } from '../../drivers/protocols/types';
import type { DeviceConfig } from '../../kiosk-config/schema';
import { describeFrame, hex } from '../devices/cli-support';

/** Where the device is reached, in the words of its transport. */
function portOf(device: DeviceConfig): string | null {
  switch (device.transport) {
    case 'serial':
      return device.port;
    case 'hid':
      return device.path ?? `usb ${device.vendorId}:${device.productId}`;
    case 'pcsc':
      return device.readerName || 'pcsc';
    case 'usb-audio':
    case 'uvc-camera':
      return device.vendorId ? `usb ${device.vendorId}:${device.productId ?? '----'}` : (device.label ?? null);
  }
}

/**
 * Every device of the running kiosk for the technician: the config's identity (serial, port),
 * the device manager's live state, the register's last and next calibration.
 */
export function deviceDiagnostics(
  devices: readonly DeviceConfig[],
  statuses: readonly DeviceStatus[],
  maintenance: readonly DeviceMaintenance[],
  /** The version the device reported (DeviceManager.firmwareOf); null: not reported by it. */
  firmwareOf: (deviceId: string) => string | null = () => null,
): DeviceDiagnostics[] {
  return statuses.map((status) => {
    const config = devices.find((d) => d.id === status.deviceId);
    const check = maintenance.find((m) => m.deviceId === status.deviceId)?.lastCheck ?? null;
    return {
      ...status,
      transport: config?.transport ?? 'unknown',
      serialNumber: config?.serialNumber ?? null,
      firmware: firmwareOf(status.deviceId),
      port: config ? portOf(config) : null,
      lastCalibration: check && { performedAt: check.performedAt, result: check.result },
      nextCalibration: check?.validUntil ?? null,
    };
  });
}

/** A decoded frame as the monitor shows it: hex beside the decoding. */
export function toDeviceFrame(deviceId: string, frame: DecodedFrame, at: Date): DeviceFrame {
  return {
    deviceId,
    at: at.toISOString(),
    hex: hex(frame.raw),
    decoded: describeFrame(frame),
    error: frame.type === 'error',
  };
}
