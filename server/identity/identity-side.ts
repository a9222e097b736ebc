import type { ConsultationCompliance } from '../../common/fhir/consultation-bundle';
import type { RecordItem } from '../../common/records/wire';
import type { HttpApp } from '../../http/http-server';
import type { PlatformStores } from '../platform-stores';
import { openRecordsDatabase, type RecordsDatabaseFile } from '../records/records-database';
import { IdentityCheckStore, type IdentityChecks } from './identity-check-store';
import { registerIdentityRoutes, type IdentityRouteDeps } from './identity-routes';
import { httpInsiClient } from './insi-client';
import { SessionIdentityService } from './session-identity';

export interface IdentitySideOptions {
  database: RecordsDatabaseFile;
  /** The INSi interface's URL (PLATFORM_INSI_URL); null: INSi is not asked, identities stay unchecked by it. */
  insiUrl: string | null;
  now?: () => number;
  /** The checks' store when it lives elsewhere (PostgreSQL: platform-pg-care-stores.ts); absent: the records file. */
  store?: IdentityChecks;
}

/**
 * Identity vigilance composed for the platform: the store on its own connection to the records
 * database, the INSi client, the hook the records ingestion calls with each stored batch, the
 * staff's routes, and what the FHIR export adds (the INS identity and the prescription).
 */
export function openIdentitySide(options: IdentitySideOptions) {
  const db = options.store ? null : openRecordsDatabase(options.database);
  const now = options.now ?? Date.now;
  const insi = options.insiUrl ? httpInsiClient({ url: options.insiUrl }) : null;
  const store = options.store ?? new IdentityCheckStore(db!);
  const identities = new SessionIdentityService(store, insi, () => new Date(now()).toISOString());
  return {
    identities,
    /** Every identity in a batch the platform stored: INSi is asked for it (replays change nothing). */
    onStored(kioskId: string, items: readonly RecordItem[]): void {
      for (const item of items)
        if (item.kind === 'identity') identities.received(kioskId, item.sessionId, item.payload);
    },
    /** The session's INS identity, and its (first) consultation's report: its prescription and note. */
    async compliance(stores: PlatformStores, sessionId: string): Promise<ConsultationCompliance> {
      const consultationId = await stores.access.consultationOfSession(sessionId);
      const report = consultationId ? await stores.reports.get(consultationId) : null;
      return {
        ins: (await identities.view(sessionId))?.identity ?? null,
        prescription: report?.prescription ?? null,
        report,
      };
    },
    register(app: HttpApp, deps: Omit<IdentityRouteDeps, 'identities' | 'now'>): void {
      registerIdentityRoutes(app, { ...deps, identities, now });
    },
    close: async (): Promise<void> => {
      await identities.settled();
      db?.close();
    },
  };
}
export type IdentitySide = ReturnType<typeof openIdentitySide>;
