import type { DeviceDiagnostics, DeviceFrame } from '../../common/devices/diagnostics';
import type { KioskHandlers } from '../../common/ipc/contract';
import { HandlerError } from '../ipc/dispatch';
import type { StaffService } from '../staff/staff-service';
import type { FrameFeed } from './frame-feed';

export interface DiagnosticsHandlerOptions {
  staff: Pick<StaffService, 'requireRole' | 'technician'>;
  feed: Pick<FrameFeed, 'subscribe'>;
  diagnostics: () => DeviceDiagnostics[];
  /** Pushes a frame to the screens (onDeviceFrame). */
  emit: (frame: DeviceFrame) => void;
}

/**
 * The technician's diagnostics screen: the devices of the running kiosk, and one device's frames
 * streamed live to the screens while a technician is signed in (a lapsed sign-in stops it).
 */
export function diagnosticsHandlers(options: DiagnosticsHandlerOptions): {
  handlers: Pick<KioskHandlers, 'getDiagnostics' | 'monitorDevice'>;
  stop(): void;
} {
  let stopFeed: (() => void) | null = null;
  const stop = () => {
    stopFeed?.();
    stopFeed = null;
  };
  return {
    stop,
    handlers: {
      getDiagnostics: () => {
        options.staff.requireRole('technician');
        return options.diagnostics();
      },
      monitorDevice: ({ deviceId }) => {
        options.staff.requireRole('technician');
        stop();
        if (deviceId === null) return { ok: true, deviceId: null };
        if (!options.diagnostics().some((d) => d.deviceId === deviceId))
          throw new HandlerError('unknown-device', `no device "${deviceId}" on this kiosk`);
        stopFeed = options.feed.subscribe(deviceId, (frame) => {
          // Frames carry readings: they reach the screens only while a technician is signed in.
          if (options.staff.technician() === null) return stop();
          options.emit(frame);
        });
        return { ok: true, deviceId };
      },
    },
  };
}
