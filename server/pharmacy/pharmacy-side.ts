import type { PharmacistInfo } from '../../common/signaling/messages';
import { systemClock, type Clock } from '../../common/util/clock';
import type { HttpApp } from '../../http/http-server';
import { registerAlertRoutes } from '../api/alert-routes';
import { FleetRegistry } from '../api/fleet-registry';
import type { AuthStores } from '../auth/auth-stores';
import { BearerSessions } from '../auth/bearer-sessions';
import type { BillingStore } from '../billing/billing-entries';
import { registerBillingRoutes } from '../billing/billing-routes';
import type { KioskCredentials } from '../auth/kiosk-credentials';
import { PharmacistAccounts } from '../auth/pharmacist-accounts';
import type { CallCenter } from '../calls/call-center';
import type { PharmacyDeps } from '../signaling/socket-context';
import { AlertDesk } from './alert-desk';
import { seedDevPharmacy } from './dev-pharmacy';
import { PharmacyBoards } from './pharmacy-boards';
import { PharmacyDirectory } from './pharmacy-directory';
import type { FleetStores } from '../fleet-stores';

export interface PharmacySideOptions {
  /** The fleet in the platform's storage (server/fleet-stores.ts); absent: in memory (tests). */
  stores?: FleetStores;
  /** Where the pharmacists' accounts and sessions live (the platform's auth store: server/auth/open-auth-stores.ts). */
  authStores: Pick<AuthStores, 'pharmacists' | 'sessions'>;
  /** The kiosks' heartbeats; absent: opened here on `stores.kioskBeats` (and closed with the side). */
  fleet?: FleetRegistry;
  calls: CallCenter;
  clock?: Clock;
  /** An alert not acknowledged this long is escalated (default 60 s). */
  alertEscalationMs?: number;
  /** Seed the development pharmacy and pharmacist, owning these kiosks (`--dev`). */
  devPharmacyKiosks?: readonly string[] | null;
}

/**
 * The pharmacy's side of the platform, composed: who owns which kiosks, the pharmacists' accounts
 * and sessions, the alerts and the boards the portals watch. The signalling socket serves the
 * portals (PharmacyDeps); the kiosks raise alerts over HTTP (`register`).
 */
export async function openPharmacySide(options: PharmacySideOptions) {
  const { clock } = options;
  const directory = await new PharmacyDirectory(options.stores?.pharmacies ?? null).open();
  const fleet = options.fleet ?? (await new FleetRegistry(clock, options.stores?.kioskBeats ?? null).open());
  const accounts = new PharmacistAccounts(options.authStores.pharmacists);
  if (options.devPharmacyKiosks) await seedDevPharmacy(directory, accounts, options.devPharmacyKiosks);
  let boards: PharmacyBoards | null = null;
  const alerts = new AlertDesk({
    portalsOpen: (pharmacyId) => boards?.portalsOpen(pharmacyId) ?? 0,
    ...(clock && { clock }),
    ...(options.alertEscalationMs !== undefined && { escalationMs: options.alertEscalationMs }),
  });
  boards = new PharmacyBoards({
    directory,
    fleet,
    calls: options.calls,
    desk: alerts,
    ...(clock && { clock }),
  });
  const deps: PharmacyDeps = {
    accounts,
    sessions: new BearerSessions<PharmacistInfo>(options.authStores.sessions, 'pharmacist', clock),
    directory,
    boards,
    alerts,
  };
  return {
    deps,
    register: (app: HttpApp, kioskCredentials: KioskCredentials, billing: BillingStore) => {
      registerAlertRoutes(app, { kioskCredentials, alerts, directory });
      const now = () => (clock ?? systemClock).now();
      registerBillingRoutes(app, { sessions: deps.sessions, directory, billing, now });
    },
    /** The fleet view every node shares (server/api/fleet-registry.ts). */
    fleet,
    close: async () => {
      directory.close();
      alerts.close();
      boards.close();
      if (!options.fleet) await fleet.close();
    },
  };
}
