import { createLogger } from '../../common/util/logger';
import { DEV_PHARMACIST, type PharmacistAccounts } from '../auth/pharmacist-accounts';
import { DEV_PHARMACY, type PharmacyDirectory } from './pharmacy-directory';

const log = createLogger('platform');

/**
 * The development pharmacy (`--dev`, README): "Pharmacie de démonstration", owning the dev kiosks
 * (`--dev-kiosk`, as Cabine 1, 2…) unless they already belong to a pharmacy, and its pharmacist
 * account pharmacien@kiosk.test / comptoir-dev.
 */
export async function seedDevPharmacy(
  directory: PharmacyDirectory,
  accounts: PharmacistAccounts,
  devKioskIds: readonly string[],
): Promise<void> {
  if (!directory.pharmacy(DEV_PHARMACY.id)) await directory.upsertPharmacy(DEV_PHARMACY);
  for (const kioskId of devKioskIds) {
    if (directory.cabinOf(kioskId)) continue;
    const label = `Cabine ${directory.cabins(DEV_PHARMACY.id).length + 1}`;
    await directory.assignKiosk(kioskId, DEV_PHARMACY.id, label);
    log.info(`dev kiosk ${kioskId} assigned to ${DEV_PHARMACY.id} as ${label}`);
  }
  if (!(await accounts.has(DEV_PHARMACIST.email))) {
    await accounts.upsert({ ...DEV_PHARMACIST, pharmacyId: DEV_PHARMACY.id });
    log.info('dev pharmacist account seeded (see README)');
  }
}
