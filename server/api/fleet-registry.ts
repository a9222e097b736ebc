import type { FleetEntry, KioskHeartbeat } from '../../common/signaling/fleet';
import { systemClock, type Clock } from '../../common/util/clock';

/** A kiosk counts as online while its heartbeats (every 30 s) are this recent. */
export const ONLINE_WITHIN_MS = 90_000;

/** Last heartbeat of each kiosk, for the fleet view (in memory: kiosks report again within 30 s). */
export class FleetRegistry {
  private readonly kiosks = new Map<string, { beat: KioskHeartbeat; at: number }>();
  private readonly listeners = new Set<(kioskId: string) => void>();

  constructor(private readonly clock: Clock = systemClock) {}

  record(kioskId: string, beat: KioskHeartbeat): void {
    this.kiosks.set(kioskId, { beat, at: this.clock.now() });
    for (const listener of this.listeners) listener(kioskId);
  }

  /** Called with the kiosk after each of its heartbeats (the pharmacy portals' cabins follow them). */
  onRecorded(listener: (kioskId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** One kiosk's last report: whether it is online and in session, and when it was seen; null if never. */
  entry(
    kioskId: string,
  ): Pick<FleetEntry, 'online' | 'inSession' | 'lastSeen' | 'devices' | 'printer' | 'hygiene'> | null {
    const known = this.kiosks.get(kioskId);
    if (!known) return null;
    return {
      online: this.clock.now() - known.at <= ONLINE_WITHIN_MS,
      inSession: known.beat.inSession,
      lastSeen: new Date(known.at).toISOString(),
      devices: known.beat.devices,
      printer: known.beat.printer ?? null,
      ...(known.beat.hygiene && { hygiene: known.beat.hygiene }),
    };
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
