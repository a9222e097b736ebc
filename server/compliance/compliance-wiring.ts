import { Prescription } from '../../common/consultation/prescription';
import type { ConsentRecord } from '../../common/consent/consent-record';
import { systemClock, type Clock } from '../../common/util/clock';
import type { HttpApp } from '../../http/http-server';
import type { ReadGate } from '../access/read-gate';
import { SqliteDeliveryOutbox, type DeliveryOutbox } from '../deliveries/delivery-outbox';
import { DeliveryWorker } from '../deliveries/delivery-worker';
import type { MssanteMessage, SmtpMssanteSender } from '../mail/mssante/mssante-sender';
import type { PlatformStores } from '../platform-stores';
import { ePrescriptionSubmission, type PrescribingSoftware } from '../prescriptions/eprescription/eprescription-format';
import type { EPrescriptionService } from '../prescriptions/eprescription/eprescription-service';
import type { IssuedPrescription } from '../prescriptions/prescription-store';
import { openRecordsDatabase, type RecordsDatabaseFile } from '../records/records-database';
import type { RecordsService } from '../records/records-service';
import type { PharmacyDeps } from '../signaling/socket-context';
import { registerDeliveryRoutes } from './delivery-routes';
import { registerPharmacyConsentRoutes } from './pharmacy-consent-routes';

export interface ComplianceOptions {
  /** The e-prescription service; null or absent: each prescription waits in the outbox, its reason shown. */
  ePrescription?: EPrescriptionService | null;
  /** The platform's MSSanté mailbox; null or absent: no report is offered to the médecin traitant. */
  mssante?: SmtpMssanteSender | null;
  clock?: Clock;
}

const SOFTWARE: PrescribingSoftware = { name: 'pharmacy-teleconsultation-platform', version: '0.1.0' };

/**
 * What the platform owes other health services (issue 21 items 3, 5, 6): the outbox and its worker
 * (on their own connection to the records database), every issued prescription queued for the
 * e-prescription service as soon as it is stored, the doctors' delivery routes and the pharmacist's
 * consent withdrawal.
 */
export function openCompliance(
  database: RecordsDatabaseFile,
  options: ComplianceOptions,
  /** The outbox when it lives elsewhere (PostgreSQL: platform-pg-care-stores.ts); absent: the records file's. */
  shared?: DeliveryOutbox,
) {
  const clock = options.clock ?? systemClock;
  const db = shared ? null : openRecordsDatabase(database);
  const outbox = shared ?? new SqliteDeliveryOutbox(db!);
  const { ePrescription, mssante } = options;
  const worker = new DeliveryWorker(
    outbox,
    {
      // Built at send time: a prescription that cannot be sent (no patient) shows why, and stays.
      ...(ePrescription && {
        eprescription: (p) => ePrescription.submit(ePrescriptionSubmission(Prescription.parse(p), SOFTWARE)),
      }),
      ...(mssante && { 'mssante-report': (p) => mssante.send(p as MssanteMessage) }),
    },
    clock,
  );
  worker.start();
  return {
    outbox,
    worker,
    /** Queues an issued prescription for the e-prescription service and tries it at once. */
    async onIssued(issued: IssuedPrescription): Promise<void> {
      const { prescription: payload, consultationId } = issued;
      const item = { kind: 'eprescription' as const, consultationId, reference: payload.number, payload };
      // Stored before it is tried (a refused store fails the issue, as it did); the attempt runs on.
      void worker.attempt((await outbox.enqueue(item, clock.now())).id);
    },
    register(app: HttpApp, deps: RegisterDeps): void {
      const consents = (sessionId: string) => deps.records.consents(sessionId);
      registerDeliveryRoutes(app, {
        reads: deps.reads,
        outbox,
        worker,
        reports: deps.stores.reports,
        mssante: mssante ?? null,
        sessionOf: (id) => deps.stores.access.sessionOf(id),
        consents,
        identityOf: async (sessionId) => (await deps.records.repository.consultation(sessionId))?.identity ?? null,
        now: () => clock.now(),
      });
      registerPharmacyConsentRoutes(app, {
        ...deps.pharmacy,
        prescription: (number) => deps.stores.prescriptions.get(number),
        sessionOf: (id) => deps.stores.access.sessionOf(id),
        consents,
        withdrawals: deps.records.withdrawals,
        now: () => clock.now(),
      });
    },
    async close(): Promise<void> {
      await worker.stop();
      mssante?.close();
      if (db?.open) db.close();
    },
  };
}

interface RegisterDeps {
  reads: ReadGate;
  stores: PlatformStores;
  records: RecordsService & { consents(sessionId: string): Promise<ConsentRecord[]> };
  pharmacy: Pick<PharmacyDeps, 'sessions' | 'directory'>;
}
