import type { DeviceStatus } from '../../common/devices/device-status';
import { printFailureOf } from '../../common/pharmacy/cabin-report';
import type { Cabin, CabinState, PharmacyBoard } from '../../common/pharmacy/cabins';
import type { PortalCallback } from '../../common/pharmacy/callbacks';
import type { PharmacistEvent } from '../../common/signaling/messages';
import { systemClock, type Clock } from '../../common/util/clock';
import type { FleetRegistry } from '../api/fleet-registry';
import type { AwayPlace } from '../calls/away-places';
import type { Link } from '../calls/call-center';
import type { AlertDesk } from './alert-desk';
import type { PharmacyDirectory } from './pharmacy-directory';
import type { ScreenState } from '../../common/signaling/fleet';

/** An open portal as the boards see it (a signalling socket in production, a fake in tests). */
export type PharmacistLink = Link<PharmacistEvent>;

/** How often the boards are recomputed without any event: a silent kiosk turns out of service. */
const TICK_MS = 15_000;

export interface PharmacyBoardsOptions {
  directory: PharmacyDirectory;
  fleet: Pick<FleetRegistry, 'entry' | 'onRecorded'>;
  calls: {
    kioskCalls(): Map<string, 'waiting' | 'in-call'>;
    onChange(listener: () => void): unknown;
    /** Places kept for patients who left a cabin (server/calls/away-places.ts). */
    away: { list(): AwayPlace[] };
  };
  desk: AlertDesk;
  clock?: Clock;
}

/**
 * Each pharmacy's board (its cabins' states and its alerts) and the portals watching it. The
 * board is recomputed whenever a kiosk reports, a call or the queue moves, an alert changes, and
 * every 15 s; a portal gets it only when it changed. Nothing in it says who is in a cabin or why.
 */
export class PharmacyBoards {
  private readonly portals = new Map<PharmacistLink, string>();
  private readonly lastSent = new Map<string, string>();
  private readonly clock: Clock;
  private tick: unknown = null;

  constructor(private readonly options: PharmacyBoardsOptions) {
    this.clock = options.clock ?? systemClock;
    options.fleet.onRecorded((kioskId) => {
      const cabin = options.directory.cabinOf(kioskId);
      if (cabin) this.push(cabin.pharmacy.id);
    });
    options.calls.onChange(() => this.pushAll());
    options.desk.onChange((pharmacyId) => this.push(pharmacyId));
    this.scheduleTick();
  }

  /** The portal gets this pharmacy's board on every change from now on; returns it as it is now. */
  subscribe(link: PharmacistLink, pharmacyId: string): PharmacyBoard {
    this.portals.set(link, pharmacyId);
    const board = this.board(pharmacyId);
    // What every portal of the pharmacy has now: the next push goes out only if it differs.
    this.lastSent.set(pharmacyId, keyOf(board));
    return board;
  }

  unsubscribe(link: PharmacistLink): void {
    this.portals.delete(link);
  }

  /** Portals of the pharmacy open now (an alert raised with none is undelivered at once). */
  portalsOpen(pharmacyId: string): number {
    return [...this.portals.values()].filter((id) => id === pharmacyId).length;
  }

  board(pharmacyId: string): PharmacyBoard {
    const calling = this.options.desk.kiosksCallingFor(pharmacyId);
    const calls = this.options.calls.kioskCalls();
    const cabins = this.options.directory.cabins(pharmacyId).map(({ kioskId, label }): Cabin => {
      const seen = this.options.fleet.entry(kioskId);
      return {
        kioskId,
        label,
        state: cabinState(calling.has(kioskId), calls.get(kioskId), seen),
        lastSeen: seen?.lastSeen ?? null,
        screenFailed: seen?.screen === 'failed',
        devicesOutOfService: devicesOutOfService(seen?.devices ?? []),
        ...cabinReport(seen),
      };
    });
    return { cabins, alerts: this.options.desk.forPharmacy(pharmacyId), callbacks: this.callbacks(pharmacyId) };
  }

  /** The tickets of patients who left this pharmacy's cabins (their phone only to their pharmacy). */
  private callbacks(pharmacyId: string): PortalCallback[] {
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    return this.options.calls.away.list().flatMap((place) => {
      const cabin = this.options.directory.cabinOf(place.kioskId);
      if (cabin?.pharmacy.id !== pharmacyId) return [];
      const { ticket, kioskId, phone, status } = place;
      return [
        {
          ticket,
          kioskId,
          cabinLabel: cabin.label,
          phone,
          status,
          awaySince: iso(place.since)!,
          heldUntil: iso(place.heldUntil),
        },
      ];
    });
  }

  close(): void {
    if (this.tick !== null) this.clock.clearTimeout(this.tick);
    this.tick = null;
    this.portals.clear();
  }

  private pushAll() {
    for (const pharmacyId of new Set(this.portals.values())) this.push(pharmacyId);
  }

  private push(pharmacyId: string) {
    const links = [...this.portals].filter(([, id]) => id === pharmacyId).map(([link]) => link);
    if (links.length === 0) return;
    const board = this.board(pharmacyId);
    const key = keyOf(board);
    if (this.lastSent.get(pharmacyId) === key) return;
    this.lastSent.set(pharmacyId, key);
    for (const link of links) link.send({ type: 'board', board });
  }

  private scheduleTick() {
    this.tick = this.clock.setTimeout(() => {
      this.pushAll();
      this.scheduleTick();
    }, TICK_MS);
    (this.tick as { unref?: () => void } | null)?.unref?.();
  }
}

/** `lastSeen` moves with every heartbeat; a board whose states did not change is not resent for it. */
function keyOf(board: PharmacyBoard): string {
  return JSON.stringify({ ...board, cabins: board.cabins.map((c) => ({ ...c, lastSeen: null })) });
}

/**
 * The printer and hygiene of a kiosk's last report. A silent kiosk's printer is not called missing
 * (the cabin is out of service already): only what it last said is shown.
 */
function cabinReport(seen: ReturnType<FleetRegistry['entry']>): Pick<Cabin, 'printer' | 'printFailure' | 'hygiene'> {
  const printer = seen?.printer ?? null;
  return { printer, printFailure: printer && printFailureOf(printer), hygiene: seen?.hygiene ?? null };
}

/** The devices a failed or past-due calibration took out of service (the kiosk refuses them to patients). */
function devicesOutOfService(devices: readonly DeviceStatus[]): Cabin['devicesOutOfService'] {
  return devices.flatMap(({ deviceId, kind, calibration }) =>
    calibration === 'failed' || calibration === 'expired' ? [{ deviceId, kind, calibration }] : [],
  );
}

/**
 * A cabin's one state, the most pressing first: someone is calling for the pharmacist; its screens
 * failed for good (whatever call was on is gone with them); a doctor is with the patient or the
 * patient waits for one (the call's own socket says so, even between two heartbeats); the kiosk
 * has gone silent; a patient is at the screens; nobody is there.
 */
export function cabinState(
  calling: boolean,
  call: 'waiting' | 'in-call' | undefined,
  seen: { online: boolean; inSession: boolean; screen?: ScreenState } | null,
): CabinState {
  if (calling) return 'help-requested';
  if (seen?.screen === 'failed') return 'out-of-service';
  if (call === 'in-call') return 'in-consultation';
  if (call === 'waiting') return 'waiting';
  if (!seen?.online) return 'out-of-service';
  return seen.inSession ? 'occupied' : 'free';
}
