import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { systemClock } from '../common/util/clock';
import { createLogger } from '../common/util/logger';
import { CallTokens } from './auth/call-tokens';
import { DEV_DOCTOR, DoctorAccounts } from './auth/doctor-accounts';
import { DoctorSessions } from './auth/doctor-sessions';
import { KioskCredentials } from './auth/kiosk-credentials';
import { loadOrCreateSecret } from './auth/platform-secret';
import { mirroredRevocations } from './auth/revocation-mirror';
import { TicketTokens } from './appointments/ticket-token';
import type { AuthStores } from './auth/auth-stores';
import { SignInThrottle, type SignInLimits } from './auth/sign-in-throttle';
import { LOCAL_AUTH_STATE, type SharedAuthState } from './auth/shared-auth-state';
import type { PscFlowStore } from './auth/pro-sante-connect/psc-flows';
import { DEV_TECHNICIAN, type TechnicianAccounts } from './auth/technician-accounts';

const log = createLogger('platform');

/** Who may do what on the platform: kiosks' credentials and call tokens, doctors' accounts and sessions. */
export interface PlatformAuth {
  kioskCredentials: KioskCredentials;
  callTokens: CallTokens;
  accounts: DoctorAccounts;
  sessions: DoctorSessions;
  throttle: SignInThrottle;
  /** Signs and verifies appointment tickets' QR codes (issue 17). */
  ticketTokens: TicketTokens;
  /** Where the accounts, sessions and revocations live (the pharmacists' too: server/pharmacy/pharmacy-side.ts). */
  stores: AuthStores;
  /** Where the Pro Santé Connect sign-ins under way wait: Redis on a cluster, null for this node's memory. */
  pscFlows: PscFlowStore | null;
  /** Where the throttles count (the sign-in's and the booking codes'), shared by the nodes on a cluster. */
  shared: SharedAuthState;
  /** Closes what the auth holds open (the SQLite store's connection; a PostgreSQL pool is the records'). */
  close(): Promise<void>;
}

/**
 * Opens the platform's secret (in `dataDir`, or in memory) and the credentials, accounts and
 * sessions on the auth's `stores` (server/auth/open-auth-stores.ts), and the sign-in throttle
 * counting in `shared` (server/auth/shared-auth-state.ts: Redis on a cluster).
 */
export function openPlatformAuth(
  dataDir: string | null,
  stores: AuthStores,
  signInLimits?: SignInLimits,
  shared: SharedAuthState = LOCAL_AUTH_STATE,
): PlatformAuth {
  if (dataDir) mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secret = dataDir ? loadOrCreateSecret(join(dataDir, 'platform-secret')) : randomBytes(32);
  // One copy for both checks: the kiosk's credential and its call tickets (revocation-mirror.ts).
  const revocations = mirroredRevocations(stores.revocations);
  const kioskCredentials = new KioskCredentials(secret, { revocations });
  return {
    kioskCredentials,
    callTokens: new CallTokens(secret, systemClock, undefined, revocations),
    accounts: new DoctorAccounts(stores.doctors),
    sessions: new DoctorSessions(stores.sessions),
    throttle: new SignInThrottle(signInLimits, shared.limiter),
    ticketTokens: new TicketTokens(secret),
    stores,
    pscFlows: shared.pscFlows(secret),
    shared,
    close: async () => (await shared.close(), await stores.close()),
  };
}

/**
 * The development platform's conveniences: the dev doctor and technician accounts (README), and a credential
 * written for each named kiosk whose file does not hold a good one yet (npm start).
 */
export async function seedDevelopment(
  auth: PlatformAuth,
  options: {
    seedDevDoctor?: boolean;
    devKiosks?: { kioskId: string; credentialFile: string }[];
    /** Where the development technician (README) is seeded beside the dev doctor. */
    technicians?: TechnicianAccounts;
  },
): Promise<void> {
  if (options.seedDevDoctor && options.technicians && !(await options.technicians.has(DEV_TECHNICIAN.id))) {
    await options.technicians.upsert(DEV_TECHNICIAN);
    log.info('dev technician account seeded (see README)');
  }
  if (options.seedDevDoctor && !(await auth.accounts.has(DEV_DOCTOR.email))) {
    await auth.accounts.upsert(DEV_DOCTOR);
    log.info('dev doctor account seeded (see README)');
  } else if (options.seedDevDoctor) {
    const existing = await auth.accounts.verify(DEV_DOCTOR.email, DEV_DOCTOR.password);
    // A data folder from before routing: the dev doctor would otherwise take no patient.
    if (existing && !(await auth.accounts.scopeOf(existing.id)))
      await auth.accounts.setScope(DEV_DOCTOR.email, DEV_DOCTOR.scope);
  }
  for (const kiosk of options.devKiosks ?? []) {
    if (
      existsSync(kiosk.credentialFile) &&
      (await auth.kioskCredentials.verify(readFileSync(kiosk.credentialFile, 'utf8').trim()))
    )
      continue;
    mkdirSync(dirname(kiosk.credentialFile), { recursive: true, mode: 0o700 });
    writeFileSync(kiosk.credentialFile, auth.kioskCredentials.issue(kiosk.kioskId), { mode: 0o600 });
    log.info(`dev credential written for kiosk ${kiosk.kioskId}`);
  }
}
