import { useEffect, useState } from 'react';
import type { DeviceStatus } from '../../common/devices/device-status';
import type { KioskApi } from '../../common/ipc/contract';

/** The kiosk's devices, kept current from onDeviceStatusChanged (first list from listDevices). */
export function useDeviceStatuses(api: KioskApi | null): DeviceStatus[] {
  const [devices, setDevices] = useState<DeviceStatus[]>([]);
  useEffect(() => {
    if (!api) return;
    let live = true;
    const unsubscribe = api.onDeviceStatusChanged((status) => {
      if (live) setDevices((list) => [...list.filter((d) => d.deviceId !== status.deviceId), status]);
    });
    api.listDevices({}).then(
      (list) => {
        if (live) setDevices((current) => (current.length ? current : list));
      },
      () => {},
    );
    return () => {
      live = false;
      unsubscribe();
    };
  }, [api]);
  return devices;
}
