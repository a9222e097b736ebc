import { PgAccessLog, PgAccessStore } from './access/pg-access-store';
import { PgTechnicianAccounts } from './auth/technician-accounts';
import { pgFleetStores } from './fleet-stores';
import { pgCareStores } from './platform-pg-care-stores';
import { PgPrescriptionSequence, PgPrescriptionStore } from './prescriptions/pg-prescription-store';
import type { PlatformStores } from './platform-stores';
import type { PgRecordsRepository } from './records/pg-records-repository';

/**
 * With PLATFORM_DATABASE_URL, the stores that have a PostgreSQL engine move there beside the
 * records, so every node reads and writes the same ones: who took part in which consultation (and
 * who it was shared with), the access log, the issued prescriptions and their counter, and the care
 * stores of platform-pg-care-stores.ts (reports and billing), the technicians' accounts, and the
 * fleet (fleet-stores.ts: which pharmacy owns which kiosks, their last heartbeats).
 */
export function withPgStores(
  stores: PlatformStores,
  pg: PgRecordsRepository | null,
  now?: () => number,
): PlatformStores {
  if (!pg) return stores;
  const { pool, cipher } = pg.connection();
  return {
    ...stores,
    ...pgCareStores(pool, cipher),
    ...pgFleetStores(pool),
    access: new PgAccessStore(pool, now),
    accessLog: new PgAccessLog(pool, now),
    prescriptions: new PgPrescriptionStore(pool, cipher),
    prescriptionSequence: new PgPrescriptionSequence(pool),
    technicians: new PgTechnicianAccounts(pool, now),
  };
}
