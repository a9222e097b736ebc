import { openAdminAuthStores } from '../auth/open-auth-stores';
import { PharmacistAccounts } from '../auth/pharmacist-accounts';
import type { RecordsDatabaseFile } from '../records/records-database';
import { openAdminDirectory } from './admin-directory';
import type { PharmacyDirectory } from './pharmacy-directory';

export const PHARMACY_COMMANDS = ['add-pharmacy', 'assign-kiosk', 'add-pharmacist'] as const;
export const PHARMACY_USAGE =
  'add-pharmacy <pharmacyId> --name N [--town T] | assign-kiosk <kioskId> --pharmacy P [--label L] | add-pharmacist --email E --name N --pharmacy P';

/**
 * The pharmacy commands of server/admin.ts, against the store every node reads (admin-directory.ts:
 * the running nodes see a change within DIRECTORY_POLL_MS):
 *
 *   add-pharmacy <pharmacyId> --name N [--town T]
 *                                              adds the pharmacy (or renames it), in town T (shown
 *                                              with its name in the doctors' queue);
 *   assign-kiosk <kioskId> --pharmacy P [--label L]
 *                                              the pharmacy owns that kiosk (by the id its credential
 *                                              names), shown as L ("Cabine 1") on the portal;
 *   PLATFORM_PHARMACIST_PASSWORD=… add-pharmacist --email E --name N --pharmacy P
 *                                              a pharmacist account that sees that pharmacy only.
 */
export async function runPharmacyCommand(
  dataDir: string,
  command: (typeof PHARMACY_COMMANDS)[number],
  arg: string | undefined,
  values: { name?: string; town?: string; pharmacy?: string; label?: string; email?: string },
  env: NodeJS.ProcessEnv,
  /** The records database, where the directory and accounts live unless PLATFORM_DATABASE_URL is set. */
  database: () => RecordsDatabaseFile,
): Promise<string> {
  const opened = await openAdminDirectory(dataDir, database(), env);
  try {
    return await runOn(opened.directory, dataDir, command, arg, values, env, database);
  } finally {
    await opened.close();
  }
}

async function runOn(
  directory: PharmacyDirectory,
  ...[dataDir, command, arg, values, env, database]: Parameters<typeof runPharmacyCommand>
): Promise<string> {
  switch (command) {
    case 'add-pharmacy':
      if (!arg || !values.name)
        throw new Error(
          'add-pharmacy: give the pharmacy id and --name, e.g. `add-pharmacy pharmacie-centrale --name "Pharmacie centrale"`',
        );
      await directory.upsertPharmacy({
        id: arg,
        name: values.name,
        ...(values.town !== undefined && { town: values.town }),
      });
      return `pharmacy ${arg} saved`;
    case 'assign-kiosk':
      if (!arg || !values.pharmacy)
        throw new Error(
          'assign-kiosk: give the kiosk id and --pharmacy, e.g. `assign-kiosk pharmacie-centrale-1 --pharmacy pharmacie-centrale`',
        );
      return assignKiosk(directory, arg, values.pharmacy, values.label);
    case 'add-pharmacist': {
      const password = env.PLATFORM_PHARMACIST_PASSWORD;
      if (!values.email || !values.name || !values.pharmacy)
        throw new Error('add-pharmacist: --email, --name and --pharmacy are required');
      if (!password)
        throw new Error(
          'add-pharmacist: set PLATFORM_PHARMACIST_PASSWORD (the password is never taken from the command line)',
        );
      if (!directory.pharmacy(values.pharmacy))
        throw new Error(`add-pharmacist: pharmacy ${values.pharmacy} does not exist: add it first (add-pharmacy)`);
      const stores = await openAdminAuthStores(dataDir, database(), env);
      try {
        const account = await new PharmacistAccounts(stores.pharmacists).upsert({
          email: values.email,
          password,
          name: values.name,
          pharmacyId: values.pharmacy,
        });
        return `pharmacist ${account.id} of ${account.pharmacyId} saved`;
      } finally {
        await stores.close();
      }
    }
  }
}

/** The pharmacy owns the kiosk from now on (taken from any other pharmacy). */
async function assignKiosk(directory: PharmacyDirectory, kioskId: string, pharmacyId: string, label?: string) {
  await directory.assignKiosk(kioskId, pharmacyId, label);
  const cabin = directory.cabinOf(kioskId)!;
  return `kiosk ${kioskId} belongs to ${pharmacyId} as "${cabin.label}"`;
}
