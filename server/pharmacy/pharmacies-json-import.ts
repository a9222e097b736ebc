import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { createLogger } from '../../common/util/logger';
import {
  CabinLabel,
  KioskId,
  PharmacyId,
  PharmacyName,
  Town,
  type PharmacyRow,
  type PharmacyStore,
} from './pharmacy-store';

const log = createLogger('platform');

/** pharmacies.json as earlier platforms wrote it (server/pharmacy/pharmacy-directory.ts before the store). */
const PharmaciesFile = z.object({
  pharmacies: z.array(
    z.object({
      id: PharmacyId,
      name: PharmacyName,
      town: Town.optional(),
      kiosks: z.array(z.object({ kioskId: KioskId, label: CabinLabel })),
    }),
  ),
});

/** The file's pharmacies, or an Error naming the file and what is wrong (nothing is imported then). */
function readPharmacies(file: string): PharmacyRow[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file} is not JSON (${(error as Error).message}): fix or remove it, nothing was imported`);
  }
  const parsed = PharmaciesFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `${file} is invalid at ${issue?.path.join('.')} (${issue?.message}): fix or remove it, nothing was imported`,
    );
  }
  const owners = new Map<string, string>();
  const seen = new Set<string>();
  for (const p of parsed.data.pharmacies) {
    if (seen.has(p.id)) throw new Error(`${file} names pharmacy ${p.id} twice: fix it, nothing was imported`);
    seen.add(p.id);
    for (const { kioskId } of p.kiosks) {
      const other = owners.get(kioskId);
      if (other !== undefined)
        throw new Error(
          `${file}: kiosk ${kioskId} is claimed by ${other === p.id ? `${p.id} twice` : `both ${other} and ${p.id}`} (a kiosk belongs to one pharmacy): fix it, nothing was imported`,
        );
      owners.set(kioskId, p.id);
    }
  }
  return parsed.data.pharmacies.map((p) => ({ ...p, town: p.town ?? null }));
}

/**
 * An earlier platform's `pharmacies.json` (in the data folder), imported once into the shared store:
 * a pharmacy or kiosk the store already has is kept as the store has it. The file is then renamed
 * `pharmacies.json.imported`, so the store is the one truth and an edit of the old file does nothing
 * unseen. A damaged file, or a kiosk claimed by two pharmacies, stops the start naming it.
 */
export async function importPharmaciesJson(
  dataDir: string | null,
  store: PharmacyStore,
): Promise<{ imported: number; present: number } | null> {
  if (dataDir === null) return null;
  const file = join(dataDir, 'pharmacies.json');
  if (!existsSync(file)) return null;
  const counts = await store.importPharmacies(readPharmacies(file));
  renameSync(file, `${file}.imported`);
  log.info(
    `pharmacies.json: ${counts.imported} pharmacies imported into the store, ${counts.present} already there; file renamed pharmacies.json.imported`,
  );
  return counts;
}
