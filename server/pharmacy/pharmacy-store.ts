import type Database from 'better-sqlite3-multiple-ciphers';
import { z } from 'zod';

/** A pharmacy id: lower-case letters, digits and dashes (it appears in commands and logs). */
export const PharmacyId = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes, 2–63');
export const KioskId = z.string().min(1).max(64);
export const PharmacyName = z.string().min(1).max(120);
export const Town = z.string().min(1).max(80);
export const CabinLabel = z.string().min(1).max(60);

/** A pharmacy and its cabins (the kiosk ids its credentials were issued to, with the staff's name for each). */
export interface PharmacyRow {
  id: string;
  name: string;
  /** Shown beside its name in the doctors' queue; null when never given. */
  town: string | null;
  /** In the order they were assigned. */
  kiosks: { kioskId: string; label: string }[];
}

export interface DirectorySnapshot {
  /** Grows with every change: a node polls it to know whether to read the directory again. */
  revision: number;
  pharmacies: PharmacyRow[];
}

/**
 * Which pharmacy owns which kiosks, where every node reads it (issue 15): the records database
 * (SQLite migration 0021) or PostgreSQL (migration 0016, server/pharmacy/pg-pharmacy-store.ts).
 * A kiosk belongs to one pharmacy at most: assigning it elsewhere moves it.
 */
export interface PharmacyStore {
  revision(): Promise<number>;
  snapshot(): Promise<DirectorySnapshot>;
  /** Adds a pharmacy or renames it (same id; a town given replaces the one kept). Throws naming the bad field. */
  upsertPharmacy(input: { id: string; name: string; town?: string }): Promise<void>;
  /** Gives the kiosk to the pharmacy (taking it from any other) under `label` (default: the kiosk id). */
  assignKiosk(kioskId: string, pharmacyId: string, label?: string): Promise<void>;
  /**
   * An earlier platform's pharmacies.json, in one transaction: a pharmacy or a kiosk already in the
   * store is kept as the store has it (another node or the admin command may have changed it since).
   */
  importPharmacies(pharmacies: readonly PharmacyRow[]): Promise<{ imported: number; present: number }>;
}

export function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new Error(`${what}: ${parsed.error.issues[0]?.message ?? 'invalid'} (got "${String(value)}")`);
  return parsed.data;
}

/** The pharmacy as given, checked, naming the first bad field. */
export function checkedPharmacy(input: { id: string; name: string; town?: string }) {
  return {
    id: parse(PharmacyId, input.id, 'pharmacy id'),
    name: parse(PharmacyName, input.name.trim(), 'pharmacy name'),
    town: input.town === undefined ? null : parse(Town, input.town.trim(), 'town'),
  };
}

export function checkedKiosk(kioskId: string, label: string | undefined) {
  return {
    kioskId: parse(KioskId, kioskId, 'kiosk id'),
    label: parse(CabinLabel, (label ?? kioskId).trim(), 'cabin label'),
  };
}

export const missingPharmacy = (id: string) =>
  new Error(`pharmacy ${id} does not exist: add it first (add-pharmacy ${id} --name …)`);

/** The statements both engines run (`$n` parameters; SQLite takes them as `?`, each used once and in order). */
export const SQL = {
  revision: 'SELECT revision FROM pharmacy_directory_revision WHERE id = 1',
  bump: 'UPDATE pharmacy_directory_revision SET revision = revision + 1 WHERE id = 1 RETURNING revision',
  pharmacies: 'SELECT id, name, town FROM pharmacies ORDER BY id',
  kiosks: 'SELECT kiosk_id, pharmacy_id, label FROM pharmacy_kiosks ORDER BY position',
  exists: 'SELECT 1 FROM pharmacies WHERE id = $1',
  upsert: `INSERT INTO pharmacies (id, name, town) VALUES ($1, $2, $3)
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, town = COALESCE(excluded.town, pharmacies.town)`,
  assign: `INSERT INTO pharmacy_kiosks (kiosk_id, pharmacy_id, label, position) VALUES ($1, $2, $3, $4)
    ON CONFLICT (kiosk_id) DO UPDATE SET pharmacy_id = excluded.pharmacy_id, label = excluded.label,
      position = excluded.position`,
  importPharmacy: 'INSERT INTO pharmacies (id, name, town) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING',
  importKiosk: `INSERT INTO pharmacy_kiosks (kiosk_id, pharmacy_id, label, position) VALUES ($1, $2, $3, $4)
    ON CONFLICT (kiosk_id) DO NOTHING`,
} as const;
const sqlite = (sql: string) => sql.replace(/\$\d+/g, '?');

export type PharmacyDbRow = { id: string; name: string; town: string | null };
export type KioskDbRow = { kiosk_id: string; pharmacy_id: string; label: string };

/** The rows as the directory holds them: each pharmacy with its kiosks in assignment order. */
export function assemble(revision: number, pharmacies: PharmacyDbRow[], kiosks: KioskDbRow[]): DirectorySnapshot {
  const byId = new Map(pharmacies.map((p): [string, PharmacyRow] => [p.id, { ...p, kiosks: [] }]));
  for (const k of kiosks) byId.get(k.pharmacy_id)?.kiosks.push({ kioskId: k.kiosk_id, label: k.label });
  return { revision, pharmacies: [...byId.values()] };
}

/** In the records database (SQLite): the default engine. Each change is one transaction with its revision. */
export class SqlitePharmacyStore implements PharmacyStore {
  constructor(private readonly db: Database.Database) {}

  async revision(): Promise<number> {
    return this.db.prepare<[], { revision: number }>(SQL.revision).get()!.revision;
  }

  async snapshot(): Promise<DirectorySnapshot> {
    return this.db.transaction(() =>
      assemble(
        this.db.prepare<[], { revision: number }>(SQL.revision).get()!.revision,
        this.db.prepare<[], PharmacyDbRow>(SQL.pharmacies).all(),
        this.db.prepare<[], KioskDbRow>(SQL.kiosks).all(),
      ),
    )();
  }

  async upsertPharmacy(input: { id: string; name: string; town?: string }): Promise<void> {
    const p = checkedPharmacy(input);
    this.db.transaction(() => {
      this.db.prepare(sqlite(SQL.upsert)).run(p.id, p.name, p.town);
      this.bump();
    })();
  }

  async assignKiosk(kioskId: string, pharmacyId: string, label?: string): Promise<void> {
    const kiosk = checkedKiosk(kioskId, label);
    this.db.transaction(() => {
      if (this.db.prepare(sqlite(SQL.exists)).get(pharmacyId) === undefined) throw missingPharmacy(pharmacyId);
      this.db.prepare(sqlite(SQL.assign)).run(kiosk.kioskId, pharmacyId, kiosk.label, this.bump());
    })();
  }

  async importPharmacies(pharmacies: readonly PharmacyRow[]): Promise<{ imported: number; present: number }> {
    return this.db.transaction(() => {
      let imported = 0;
      for (const p of pharmacies) {
        if (this.db.prepare(sqlite(SQL.importPharmacy)).run(p.id, p.name, p.town).changes === 1) imported++;
        for (const k of p.kiosks) this.db.prepare(sqlite(SQL.importKiosk)).run(k.kioskId, p.id, k.label, this.bump());
      }
      this.bump();
      return { imported, present: pharmacies.length - imported };
    })();
  }

  private bump(): number {
    return this.db.prepare<[], { revision: number }>(SQL.bump).get()!.revision;
  }
}
