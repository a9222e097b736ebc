import { PLATFORM_API } from '../../common/signaling/fleet';
import type { HttpApp } from '../../http/http-server';
import type { KioskCredentials } from '../auth/kiosk-credentials';
import type { TechnicianAccounts } from '../auth/technician-accounts';
import { kioskGuard } from './platform-routes';

/**
 * The technicians' accounts for kiosks, over their credential: each kiosk caches them for offline
 * sign-in and drops an account revoked here at its next fetch. Hashes only, never a secret.
 */
export function registerTechnicianRoutes(
  app: HttpApp,
  deps: { kioskCredentials: KioskCredentials; technicians: TechnicianAccounts },
): void {
  const kiosk = kioskGuard(deps.kioskCredentials);
  app.get(PLATFORM_API.technicians, { onRequest: kiosk.onRequest }, async () => ({
    technicians: await deps.technicians.active(),
  }));
}
