import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DoctorScope } from '../../common/routing/doctor-scope';
import { createLogger } from '../../common/util/logger';
import type { AuthStores } from './auth-stores';

const log = createLogger('platform');

/** doctors.json as earlier platforms wrote it (server/auth/doctor-accounts.ts before the store). */
const DoctorsFile = z.object({
  doctors: z.array(
    z.object({
      id: z.string(),
      email: z.string(),
      name: z.string(),
      rpps: z.string(),
      passwordHash: z.string().nullable(),
      scope: DoctorScope.optional(),
      practiceAddress: z.string().optional(),
    }),
  ),
});

/** pharmacists.json as earlier platforms wrote it. */
const PharmacistsFile = z.object({
  pharmacists: z.array(
    z.object({ id: z.string(), email: z.string(), name: z.string(), pharmacyId: z.string(), passwordHash: z.string() }),
  ),
});

/** A file's accounts, or an Error naming the file and the first wrong field (nothing is imported then). */
function read<T>(file: string, schema: z.ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file} is not JSON (${(error as Error).message}): fix or remove it, nothing was imported`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new Error(
      `${file} is invalid at ${parsed.error.issues[0]?.path.join('.')}: fix or remove it, nothing was imported`,
    );
  return parsed.data;
}

export interface ImportCounts {
  doctors: { imported: number; present: number } | null;
  pharmacists: { imported: number; present: number } | null;
}

/**
 * The accounts files of an earlier platform (doctors.json, pharmacists.json in the data folder),
 * imported once into the store: an account whose e-mail or RPPS is already there is kept as the
 * store has it (another node, or the admin command, may have changed it since). The file is then
 * renamed `*.imported`, so the store is the one truth and an edit of the old file does nothing
 * unseen. The log line gives counts only, never names.
 */
export async function importJsonAccounts(dataDir: string, stores: AuthStores): Promise<ImportCounts> {
  const counts: ImportCounts = { doctors: null, pharmacists: null };
  const doctorsFile = join(dataDir, 'doctors.json');
  if (existsSync(doctorsFile)) {
    const { doctors } = read(doctorsFile, DoctorsFile);
    let imported = 0;
    for (const d of doctors) {
      const account = { ...d, email: d.email.trim().toLowerCase(), scope: d.scope ?? null };
      if (await stores.doctors.insertNew({ ...account, practiceAddress: d.practiceAddress ?? null })) imported++;
    }
    counts.doctors = { imported, present: doctors.length - imported };
    renameSync(doctorsFile, `${doctorsFile}.imported`);
    log.info(
      `doctors.json: ${imported} doctor accounts imported into the store, ${doctors.length - imported} already there; file renamed doctors.json.imported`,
    );
  }
  const pharmacistsFile = join(dataDir, 'pharmacists.json');
  if (existsSync(pharmacistsFile)) {
    const { pharmacists } = read(pharmacistsFile, PharmacistsFile);
    let imported = 0;
    for (const p of pharmacists)
      if (await stores.pharmacists.insertNew({ ...p, email: p.email.trim().toLowerCase() })) imported++;
    counts.pharmacists = { imported, present: pharmacists.length - imported };
    renameSync(pharmacistsFile, `${pharmacistsFile}.imported`);
    log.info(
      `pharmacists.json: ${imported} pharmacist accounts imported into the store, ${pharmacists.length - imported} already there; file renamed pharmacists.json.imported`,
    );
  }
  return counts;
}
