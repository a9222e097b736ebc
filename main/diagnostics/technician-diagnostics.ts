import type { KioskHandlers } from '../../common/ipc/contract';
import type { DeviceMaintenance } from '../../common/staff/staff';
import { systemClock } from '../../common/util/clock';
import { createLogger } from '../../common/util/logger';
import type { KioskConfig } from '../../kiosk-config/schema';
import { startControlSocket } from '../control/control-socket';
import type { AuditEntry } from '../db/audit-log';
import type { DeviceManager } from '../devices/device-manager';
import type { KioskEventHub } from '../ipc/event-hub';
import type { StaffService } from '../staff/staff-service';
import { deviceDiagnostics } from './device-diagnostics';
import { diagnosticsHandlers } from './diagnostics-handlers';
import { FrameFeed } from './frame-feed';

const log = createLogger('kiosk:main:diagnostics');

/**
 * Diagnostics while the kiosk runs (issue 19): the technician's screen (devices and a live frame
 * monitor) and the local socket `kioskctl devices|monitor` ask, both fed by the running device
 * manager. A socket that cannot start leaves the kiosk running, said in the log.
 */
export async function startDiagnostics(options: {
  config: KioskConfig;
  manager: DeviceManager;
  staff: Pick<StaffService, 'requireRole' | 'technician'>;
  maintenance: () => DeviceMaintenance[];
  audit: { append(entry: AuditEntry): void };
  events: KioskEventHub;
}): Promise<{ handlers: Pick<KioskHandlers, 'getDiagnostics' | 'monitorDevice'>; close(): Promise<void> }> {
  const feed = new FrameFeed(options.manager, systemClock);
  const diagnostics = () => deviceDiagnostics(options.config.devices, options.manager.list(), options.maintenance());
  const screen = diagnosticsHandlers({
    staff: options.staff,
    feed,
    diagnostics,
    emit: (frame) => options.events.emit('onDeviceFrame', frame),
  });
  const socket = await startControlSocket({
    dataDir: options.config.storage.dataDir,
    diagnostics,
    feed,
    audit: options.audit,
  }).catch((error: unknown) => {
    log.error(`kioskctl socket not started, kioskctl cannot reach this kiosk: ${(error as Error).message}`);
    return null;
  });
  return {
    handlers: screen.handlers,
    close: async () => {
      screen.stop();
      await socket?.close();
    },
  };
}
