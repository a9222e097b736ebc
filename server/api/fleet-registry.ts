import type { FleetEntry, KioskHeartbeat } from '../../common/signaling/fleet';
import { systemClock, type Clock } from '../../common/util/clock';
import { createLogger } from '../../common/util/logger';
import type { KioskBeatStore, StoredBeat } from './kiosk-beat-store';

const log = createLogger('platform:fleet');

/** A kiosk counts as online while its heartbeats (every 30 s) are this recent. */
export const ONLINE_WITHIN_MS = 90_000;
/**
 * A kiosk's row is written at most this often, whatever it sends: at the kiosks' 30 s beat that is
 * one write per kiosk per 30 s (5,000 cabins: about 170 rows a second for the whole cluster), and
 * never more than one per kiosk per 5 s from a kiosk that beats faster. A beat inside the window is
 * written once the window is over (the last one wins).
 */
export const BEAT_WRITE_MIN_MS = 5_000;
/**
 * How often a node writes the beats it received, all in one batch: one transaction (SQLite: one sync
 * to disk, where one a beat cost about 4 ms) or one statement (PostgreSQL).
 */
export const BEAT_FLUSH_MS = 1_000;
/** How often a node reads the rows other nodes wrote (one indexed query). */
export const FLEET_POLL_MS = 2_000;
/** How often a node looks for kiosks gone silent (and claims the ones nobody flagged). */
export const SILENT_SWEEP_MS = 15_000;
/** Rows are re-read this far back, so nodes' clocks a few seconds apart miss none. */
const READ_MARGIN_MS = 10_000;

type Seen = { beat: KioskHeartbeat; at: number };

/**
 * Last heartbeat of each kiosk, for the fleet view and the portals' cabins. With a store (the
 * platform's: server/api/kiosk-beat-store.ts) every node sees every kiosk: a beat received here is
 * shown here at once and written to the store (throttled: BEAT_WRITE_MIN_MS); the beats other
 * nodes received are read every FLEET_POLL_MS. A kiosk silent longer than ONLINE_WITHIN_MS is
 * flagged once, by the one node whose claim in the store succeeds. Without a store (unit tests of
 * what reads the fleet), this node's beats only.
 */
export class FleetRegistry {
  private readonly kiosks = new Map<string, Seen>();
  private readonly listeners = new Set<(kioskId: string) => void>();
  private readonly silentListeners = new Set<(kioskId: string, lastSeen: string) => void>();
  private readonly lastWrite = new Map<string, number>();
  /** Kiosks whose last beat received here is not written yet. */
  private readonly unwritten = new Set<string>();
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly clock: Clock = systemClock,
    private readonly store: KioskBeatStore | null = null,
  ) {}

  /** Reads every stored row, then keeps reading the new ones and sweeping for silent kiosks until `close`. */
  async open(pollMs = FLEET_POLL_MS, sweepMs = SILENT_SWEEP_MS): Promise<this> {
    if (!this.store) return this;
    this.apply(await this.store.seenAfter(0));
    // One run of a task at a time; while the store is lost, one warning when it fails and one when it is back.
    const every = (ms: number, task: () => Promise<unknown>, what: string) => {
      let running = false;
      let failing = false;
      const run = async () => {
        if (running) return;
        running = true;
        try {
          await task();
          if (failing) log.info(`${what}: the store answers again`);
          failing = false;
        } catch (error) {
          if (!failing) log.warn(`${what}: ${(error as Error).message}`);
          failing = true;
        } finally {
          running = false;
        }
      };
      const timer = setInterval(() => void run(), ms);
      timer.unref();
      this.timers.push(timer);
    };
    every(BEAT_FLUSH_MS, () => this.flush(), 'storing the kiosk heartbeats');
    every(pollMs, () => this.poll(pollMs), 'reading the kiosk heartbeats');
    every(sweepMs, () => this.sweepSilent(), 'silent kiosks sweep');
    return this;
  }

  /** Stops reading; the beats not written yet are written now, their window over or not. */
  async close(): Promise<void> {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    await this.flush(true).catch((error: Error) => log.warn(`kiosk heartbeats not stored: ${error.message}`));
  }

  record(kioskId: string, beat: KioskHeartbeat): void {
    this.kiosks.set(kioskId, { beat, at: this.clock.now() });
    for (const listener of this.listeners) listener(kioskId);
    if (this.store) this.unwritten.add(kioskId);
  }

  /** Called with the kiosk after each of its heartbeats, received here or by another node (the portals' cabins follow them). */
  onRecorded(listener: (kioskId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called on the one node that flagged a kiosk silent, once per silence. */
  onSilent(listener: (kioskId: string, lastSeen: string) => void): () => void {
    this.silentListeners.add(listener);
    return () => this.silentListeners.delete(listener);
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

  /** Reads the rows other nodes wrote since the last read (with a margin for clocks apart). */
  async poll(pollMs = FLEET_POLL_MS): Promise<void> {
    if (this.store) this.apply(await this.store.seenAfter(this.clock.now() - pollMs - READ_MARGIN_MS));
  }

  /** Claims the kiosks silent too long that no node flagged yet, and flags them: a warning for the operator. */
  async sweepSilent(): Promise<string[]> {
    if (!this.store) return [];
    const now = this.clock.now();
    const claimed = await this.store.claimSilent(now - ONLINE_WITHIN_MS, now);
    for (const { kioskId, seenAt } of claimed) {
      const lastSeen = new Date(seenAt).toISOString();
      log.warn(`kiosk ${kioskId} silent: no heartbeat since ${lastSeen} (flagged by this node only)`);
      for (const listener of this.silentListeners) listener(kioskId, lastSeen);
    }
    return claimed.map((c) => c.kioskId);
  }

  /** Takes the rows later than what this node has, telling the listeners. */
  private apply(rows: StoredBeat[]): void {
    for (const { kioskId, beat, seenAt } of rows) {
      const known = this.kiosks.get(kioskId);
      if (known && known.at >= seenAt) continue;
      this.kiosks.set(kioskId, { beat, at: seenAt });
      for (const listener of this.listeners) listener(kioskId);
    }
  }

  /**
   * Writes, in one batch, the beats received here whose kiosk's row was not written in the last
   * BEAT_WRITE_MIN_MS (all of them with `all`). A failed write leaves them to the next flush.
   */
  async flush(all = false): Promise<void> {
    if (!this.store) return;
    const now = this.clock.now();
    const due = [...this.unwritten].filter(
      (k) => all || now - (this.lastWrite.get(k) ?? -Infinity) >= BEAT_WRITE_MIN_MS,
    );
    if (due.length === 0) return;
    const rows = due.map((kioskId) => {
      const seen = this.kiosks.get(kioskId)!;
      return { kioskId, beat: seen.beat, seenAt: seen.at };
    });
    for (const kioskId of due) {
      this.unwritten.delete(kioskId);
      this.lastWrite.set(kioskId, now);
    }
    try {
      await this.store.save(rows);
    } catch (error) {
      for (const kioskId of due) this.unwritten.add(kioskId);
      throw error;
    }
  }
}
