import { createLogger } from '../../common/util/logger';
import { openRecordsDatabase, IN_MEMORY_RECORDS } from '../records/records-database';
import { SqlitePharmacyStore, type DirectorySnapshot, type PharmacyStore } from './pharmacy-store';

export { KioskId, PharmacyId } from './pharmacy-store';

const log = createLogger('platform');

/** How often a node asks the store whether the directory changed (one small read of one row). */
export const DIRECTORY_POLL_MS = 2_000;

export interface PharmacyCabin {
  pharmacy: { id: string; name: string };
  kioskId: string;
  label: string;
}

/** The development pharmacy seeded by `--dev` (README): it owns the dev kiosks. */
export const DEV_PHARMACY = { id: 'pharmacie-dev', name: 'Pharmacie de démonstration', town: 'Paris' } as const;

/**
 * Which pharmacy owns which kiosks, as this node reads it. The truth is the store every node shares
 * (server/pharmacy/pharmacy-store.ts); the node answers from its last read of it, so the doctors'
 * queue and the portals' boards, which ask at every publish, cost no query. The read is renewed
 * after each change made here and when the store's revision moves (polled every DIRECTORY_POLL_MS):
 * a pharmacy added through another node or the admin command shows here within that delay.
 */
export class PharmacyDirectory {
  private current: DirectorySnapshot = { revision: -1, pharmacies: [] };
  private poller: NodeJS.Timeout | null = null;
  private readonly store: PharmacyStore;

  /** `null`: a store of its own in memory (tests, and a platform with no data folder). */
  constructor(store: PharmacyStore | null) {
    this.store = store ?? new SqlitePharmacyStore(openRecordsDatabase(IN_MEMORY_RECORDS));
  }

  /** Reads the store now; then again whenever its revision moves, until `close`. */
  async open(pollMs = DIRECTORY_POLL_MS): Promise<this> {
    await this.refresh();
    let failing = false;
    // While the store is lost: one warning when it fails, one line when it is back (not a line a poll).
    const poll = async () => {
      try {
        await this.refresh();
        if (failing) log.info('pharmacy directory read again: the store answers');
        failing = false;
      } catch (error) {
        if (!failing) log.warn(`pharmacy directory not read again: ${(error as Error).message}`);
        failing = true;
      }
    };
    this.poller ??= setInterval(() => void poll(), pollMs);
    this.poller.unref();
    return this;
  }

  close(): void {
    if (this.poller) clearInterval(this.poller);
    this.poller = null;
  }

  /** Reads the directory again if the store's revision moved since the last read. */
  async refresh(): Promise<void> {
    if ((await this.store.revision()) === this.current.revision) return;
    const next = await this.store.snapshot();
    if (next.revision >= this.current.revision) this.current = next;
  }

  /** Adds a pharmacy or renames it (same id; a town given replaces the one kept). Throws naming the bad field. */
  async upsertPharmacy(input: { id: string; name: string; town?: string }): Promise<void> {
    await this.store.upsertPharmacy(input);
    await this.refresh();
  }

  /** Gives the kiosk to the pharmacy (taking it from any other) under `label` (default: the kiosk id). */
  async assignKiosk(kioskId: string, pharmacyId: string, label?: string): Promise<void> {
    await this.store.assignKiosk(kioskId, pharmacyId, label);
    await this.refresh();
  }

  pharmacy(id: string): { id: string; name: string } | null {
    const found = this.current.pharmacies.find((p) => p.id === id);
    return found ? { id: found.id, name: found.name } : null;
  }

  /** The pharmacy that owns this kiosk, and the cabin's name there; null for a kiosk of no pharmacy. */
  cabinOf(kioskId: string): PharmacyCabin | null {
    for (const p of this.current.pharmacies) {
      const kiosk = p.kiosks.find((k) => k.kioskId === kioskId);
      if (kiosk) return { pharmacy: { id: p.id, name: p.name }, ...kiosk };
    }
    return null;
  }

  /** The name and town of the pharmacy that owns this kiosk (the doctors' queue); null for a kiosk of no pharmacy. */
  placeOf(kioskId: string): { pharmacy: string; town: string | null } | null {
    const p = this.current.pharmacies.find((x) => x.kiosks.some((k) => k.kioskId === kioskId));
    return p ? { pharmacy: p.name, town: p.town } : null;
  }

  /** The id of the pharmacy that owns this kiosk; null for a kiosk of no pharmacy. */
  pharmacyOf(kioskId: string): string | null {
    return this.cabinOf(kioskId)?.pharmacy.id ?? null;
  }

  /** The pharmacy's cabins in the order they were assigned. */
  cabins(pharmacyId: string): PharmacyCabin[] {
    const p = this.current.pharmacies.find((x) => x.id === pharmacyId);
    return p ? p.kiosks.map((k) => ({ pharmacy: { id: p.id, name: p.name }, ...k })) : [];
  }
}
