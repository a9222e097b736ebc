import type Database from 'better-sqlite3-multiple-ciphers';
import { AccessLog } from './access/access-log';
import { SqliteAppointmentStore, type AppointmentStore } from './appointments/appointment-store';
import { ConsultationAccess } from './access/consultation-access';
import { sqliteAccessLogStore, sqliteAccessStore, type AccessLogStore, type AccessStore } from './access/access-store';
import { SqliteTechnicianAccounts, type TechnicianAccounts } from './auth/technician-accounts';
import type { IdentityChecks } from './identity/identity-check-store';
import type { DeliveryOutbox } from './deliveries/delivery-outbox';
import { BillingEntries, type BillingStore } from './billing/billing-entries';
import { sqliteFleetStores, type FleetStores } from './fleet-stores';
import { PrescriptionStore, type PrescriptionRecords } from './prescriptions/prescription-store';
import type { PrescriptionSequence } from './records/prescription-sequence';
import { ConsultationReports, type ReportStore } from './records/consultation-reports';
import { sqliteSaveEnded, type SaveEnded } from './records/ended-consultation';
import type { EpochQueueStore } from './cluster/call-fence';
import { SqliteQueueStore } from './records/sqlite-queue-store';
import { openRecordsDatabase, type RecordsDatabaseFile } from './records/records-database';

/**
 * What the platform keeps beside the records, on one connection to the records database (so the
 * in-memory database of tests is one database too): who took part in which consultation and who it
 * was shared with, the access log, the reports and the issued prescriptions. Encrypted with the
 * records under the platform's data key.
 */
export interface PlatformStores extends FleetStores {
  /** Both engines (access-store.ts): SQLite here, PostgreSQL in platform-pg-stores.ts. */
  readonly access: AccessStore;
  readonly accessLog: AccessLogStore;
  readonly reports: ReportStore;
  readonly prescriptions: PrescriptionRecords;
  /** The prescriptions' counter when it lives with the stores (PostgreSQL); absent: the records file's. */
  readonly prescriptionSequence?: PrescriptionSequence;
  /** The field technicians' accounts, handed to kiosks (issue 19). */
  readonly technicians: TechnicianAccounts;
  /** The assisted teleconsultations to bill (issue 18 item 8). */
  readonly billing: BillingStore;
  /** The queue and the kept places, so a restart loses no patient's place (server/calls/queue-journal.ts). */
  readonly queue: EpochQueueStore;
  /** The sessions' identity checks when they live with the stores (PostgreSQL); absent: identity-side.ts opens the records file's. */
  readonly identityChecks?: IdentityChecks;
  /** The outbox to other health services when it lives with the stores (PostgreSQL); absent: compliance-wiring.ts opens the records file's. */
  readonly deliveries?: DeliveryOutbox;
  /** Doctors' slots and the patients' appointments (issue 17). */
  readonly appointments: AppointmentStore;
  /** A report and its billing row in one transaction: both stored, or neither (the end is retried). */
  readonly saveEnded: SaveEnded;
  close(): void;
}

export function openPlatformStores(database: RecordsDatabaseFile, now: () => number = Date.now): PlatformStores {
  const db: Database.Database = openRecordsDatabase(database);
  const reports = new ConsultationReports(db);
  const billing = new BillingEntries(db);
  return {
    access: sqliteAccessStore(new ConsultationAccess(db, now)),
    accessLog: sqliteAccessLogStore(new AccessLog(db, now)),
    reports,
    prescriptions: new PrescriptionStore(db),
    technicians: new SqliteTechnicianAccounts(db, now),
    billing,
    queue: new SqliteQueueStore(db),
    appointments: new SqliteAppointmentStore(db),
    saveEnded: sqliteSaveEnded(db, reports, billing),
    ...sqliteFleetStores(db),
    close: () => {
      if (db.open) db.close();
    },
  };
}
