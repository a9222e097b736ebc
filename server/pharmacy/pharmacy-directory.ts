import { z } from 'zod';
import { WatchedJsonFile } from '../storage/json-file';

/** A pharmacy id: lower-case letters, digits and dashes (it appears in commands and logs). */
export const PharmacyId = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes, 2–63');
export const KioskId = z.string().min(1).max(64);

const StoredPharmacy = z.object({
  id: PharmacyId,
  name: z.string().min(1).max(120),
  /** The town it is in, shown beside its name in the doctors' queue; absent from older files. */
  town: z.string().min(1).max(80).optional(),
  /** The pharmacy's cabins: the kiosk ids its credentials were issued to, each with the name the staff use. */
  kiosks: z.array(z.object({ kioskId: KioskId, label: z.string().min(1).max(60) })),
});
type StoredPharmacy = z.infer<typeof StoredPharmacy>;
const StoredFile = z.object({ pharmacies: z.array(StoredPharmacy) });
type StoredFile = z.infer<typeof StoredFile>;

export interface PharmacyCabin {
  pharmacy: { id: string; name: string };
  kioskId: string;
  label: string;
}

/** The development pharmacy seeded by `--dev` (README): it owns the dev kiosks. */
export const DEV_PHARMACY = { id: 'pharmacie-dev', name: 'Pharmacie de démonstration', town: 'Paris' } as const;

/**
 * Which pharmacy owns which kiosks (`pharmacies.json` in the platform's data folder). A kiosk is
 * known by the id its credential was issued to (server/auth/kiosk-credentials.ts) and belongs to
 * one pharmacy at most: assigning it elsewhere moves it. The admin command writes the file; the
 * platform reads it again when it changes.
 */
export class PharmacyDirectory {
  private readonly store: WatchedJsonFile<StoredFile>;

  constructor(file: string | null) {
    this.store = new WatchedJsonFile(file, StoredFile, () => ({ pharmacies: [] }));
  }

  /** Adds a pharmacy or renames it (same id; a town given replaces the one kept). Throws naming the bad field. */
  upsertPharmacy(input: { id: string; name: string; town?: string }): void {
    const id = parse(PharmacyId, input.id, 'pharmacy id');
    const name = parse(StoredPharmacy.shape.name, input.name.trim(), 'pharmacy name');
    const town = input.town === undefined ? {} : { town: parse(z.string().min(1).max(80), input.town.trim(), 'town') };
    const pharmacies = this.store.current().pharmacies;
    const existing = pharmacies.find((p) => p.id === id);
    const next = existing
      ? pharmacies.map((p) => (p.id === id ? { ...p, name, ...town } : p))
      : [...pharmacies, { id, name, ...town, kiosks: [] }];
    this.store.write({ pharmacies: next });
  }

  /** Gives the kiosk to the pharmacy (taking it from any other) under `label` (default: the kiosk id). */
  assignKiosk(kioskId: string, pharmacyId: string, label?: string): void {
    parse(KioskId, kioskId, 'kiosk id');
    const pharmacies = this.store.current().pharmacies;
    if (!pharmacies.some((p) => p.id === pharmacyId))
      throw new Error(`pharmacy ${pharmacyId} does not exist: add it first (add-pharmacy ${pharmacyId} --name …)`);
    const kiosk = { kioskId, label: parse(z.string().min(1).max(60), (label ?? kioskId).trim(), 'cabin label') };
    const next = pharmacies.map((p) => {
      const others = p.kiosks.filter((k) => k.kioskId !== kioskId);
      return { ...p, kiosks: p.id === pharmacyId ? [...others, kiosk] : others };
    });
    this.store.write({ pharmacies: next });
  }

  pharmacy(id: string): { id: string; name: string } | null {
    const found = this.store.current().pharmacies.find((p) => p.id === id);
    return found ? { id: found.id, name: found.name } : null;
  }

  /** The pharmacy that owns this kiosk, and the cabin's name there; null for a kiosk of no pharmacy. */
  cabinOf(kioskId: string): PharmacyCabin | null {
    for (const p of this.store.current().pharmacies) {
      const kiosk = p.kiosks.find((k) => k.kioskId === kioskId);
      if (kiosk) return { pharmacy: { id: p.id, name: p.name }, ...kiosk };
    }
    return null;
  }

  /** The name and town of the pharmacy that owns this kiosk (the doctors' queue); null for a kiosk of no pharmacy. */
  placeOf(kioskId: string): { pharmacy: string; town: string | null } | null {
    const p = this.store.current().pharmacies.find((x) => x.kiosks.some((k) => k.kioskId === kioskId));
    return p ? { pharmacy: p.name, town: p.town ?? null } : null;
  }

  /** The id of the pharmacy that owns this kiosk; null for a kiosk of no pharmacy. */
  pharmacyOf(kioskId: string): string | null {
    return this.cabinOf(kioskId)?.pharmacy.id ?? null;
  }

  /** The pharmacy's cabins in the order they were assigned. */
  cabins(pharmacyId: string): PharmacyCabin[] {
    const p = this.store.current().pharmacies.find((x) => x.id === pharmacyId);
    return p ? p.kiosks.map((k) => ({ pharmacy: { id: p.id, name: p.name }, ...k })) : [];
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new Error(`${what}: ${parsed.error.issues[0]?.message ?? 'invalid'} (got "${String(value)}")`);
  return parsed.data;
}
