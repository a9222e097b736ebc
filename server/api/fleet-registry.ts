import type { FleetEntry, KioskHeartbeat } from '../../common/signaling/fleet';
import { systemClock, type Clock } from '../../common/util/clock';

/** A kiosk counts as online while its heartbeats (every 30 s) are this recent. */
export const ONLINE_WITHIN_MS = 90_000;

/** Last heartbeat of each kiosk, for the fleet view (in memory: kiosks report again within 30 s). */
export class FleetRegistry {
  private readonly kiosks = new Map<string, { beat: KioskHeartbeat; at: number }>();

  constructor(private readonly clock: Clock = systemClock) {}

  record(kioskId: string, beat: KioskHeartbeat): void {
    this.kiosks.set(kioskId, { beat, at: this.clock.now() });
  }

  list(): FleetEntry[] {
    const now = this.clock.now();
    return [...this.kiosks.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([kioskId, { beat, at }]) => ({
        kioskId,
        version: beat.version,
        lastSeen: new Date(at).toISOString(),
        online: now - at <= ONLINE_WITHIN_MS,
        inSession: beat.inSession,
        uptimeSeconds: beat.uptimeSeconds,
        devices: beat.devices,
      }));
  }
}
