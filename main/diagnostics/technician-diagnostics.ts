import type { DeviceChangeRequest, DeviceChangeResult } from '../../common/devices/device-change';
import type { DeviceDiagnostics } from '../../common/devices/diagnostics';
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
import { technicianActor } from '../staff/technician-sign-in';
import { changeDevice, deviceChoices, type DeviceChangeOptions } from './device-change';
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
  staff: Pick<StaffService, 'requireRole' | 'technician' | 'requireTechnician'>;
  /** The patient flow: a device is changed only between two patients. */
  flow: { view(): { sessionId: string | null } };
  maintenance: () => DeviceMaintenance[];
  audit: { append(entry: AuditEntry): void };
  events: KioskEventHub;
}): Promise<{
  handlers: Pick<KioskHandlers, 'getDiagnostics' | 'monitorDevice' | 'changeDevice' | 'getDeviceChoices'>;
  close(): Promise<void>;
}> {
  const feed = new FrameFeed(options.manager, systemClock);
  // The manager's configs, not the file's: a technician's accepted change shows at once.
  const { manager } = options;
  const diagnostics = () =>
    deviceDiagnostics(manager.configs(), manager.list(), options.maintenance(), (id) => manager.firmwareOf(id));
  const screen = diagnosticsHandlers({
    staff: options.staff,
    feed,
    diagnostics,
    emit: (frame) => options.events.emit('onDeviceFrame', frame),
  });
  const change = deviceChangeHandlers(options, diagnostics);
  const socket = await startControlSocket({
    dataDir: options.config.storage.dataDir,
    diagnostics,
    feed,
    audit: options.audit,
    changeDevice: change.fromKioskctl,
  }).catch((error: unknown) => {
    log.error(`kioskctl socket not started, kioskctl cannot reach this kiosk: ${(error as Error).message}`);
    return null;
  });
  return {
    handlers: { ...screen.handlers, ...change.handlers },
    close: async () => {
      screen.stop();
      await socket?.close();
    },
  };
}

/** The technician's port or model change, tried on the running manager (device-change.ts). */
function deviceChangeHandlers(
  options: Parameters<typeof startDiagnostics>[0],
  diagnostics: () => DeviceDiagnostics[],
): {
  handlers: Pick<KioskHandlers, 'changeDevice' | 'getDeviceChoices'>;
  /** `kioskctl device set` over the local socket: any path, audited as kioskctl. */
  fromKioskctl: (request: DeviceChangeRequest) => Promise<DeviceChangeResult>;
} {
  const change: DeviceChangeOptions = {
    manager: options.manager,
    dataDir: options.config.storage.dataDir,
    trialMs: options.config.maintenance.deviceTrialSeconds * 1000,
    clock: systemClock,
    actor: () => technicianActor(options.staff.requireTechnician().id),
    patientInSession: () => options.flow.view().sessionId !== null,
    audit: options.audit,
    diagnostics,
  };
  return {
    handlers: {
      changeDevice: (request) => changeDevice(change, request),
      getDeviceChoices: ({ deviceId }) => deviceChoices(change, deviceId),
    },
    fromKioskctl: (request) => changeDevice({ ...change, actor: () => 'kioskctl' }, request),
  };
}
