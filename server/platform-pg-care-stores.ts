import type pg from 'pg';
import { PgAppointmentStore } from './appointments/pg-appointment-store';
import { PgDeliveryOutbox } from './deliveries/pg-delivery-outbox';
import { PgIdentityCheckStore } from './identity/pg-identity-check-store';
import { PgBillingEntries } from './billing/pg-billing-entries';
import type { PlatformStores } from './platform-stores';
import type { ColumnCipher } from './records/column-cipher';
import { pgSaveEnded } from './records/ended-consultation';
import { PgConsultationReports } from './records/pg-consultation-reports';

/**
 * The care stores on PostgreSQL (issue 15): the doctors' reports with their billing rows (stored
 * together in one transaction), the appointments and their reminder claims, the identity checks, the outbox to other health services. Health data sealed under the data key with the records' cipher.
 */
export function pgCareStores(
  pool: pg.Pool,
  cipher: ColumnCipher,
): Pick<PlatformStores, 'reports' | 'billing' | 'saveEnded' | 'appointments' | 'identityChecks' | 'deliveries'> {
  const reports = new PgConsultationReports(pool, cipher);
  const billing = new PgBillingEntries(pool, cipher);
  return {
    reports,
    billing,
    saveEnded: pgSaveEnded(pool, reports, billing),
    appointments: new PgAppointmentStore(pool, cipher),
    identityChecks: new PgIdentityCheckStore(pool, cipher),
    deliveries: new PgDeliveryOutbox(pool, cipher),
  };
}
