import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { systemClock } from '../common/util/clock';
import { createLogger } from '../common/util/logger';
import { CallTokens } from './auth/call-tokens';
import { DEV_DOCTOR, DoctorAccounts } from './auth/doctor-accounts';
import { DoctorSessions } from './auth/doctor-sessions';
import { KioskCredentials } from './auth/kiosk-credentials';
import { memoryRevocations, SqliteKioskRevocations } from './auth/kiosk-revocations';
import { loadOrCreateSecret } from './auth/platform-secret';
import { TicketTokens } from './appointments/ticket-token';
import type { RecordsDatabaseFile } from './records/records-database';
import { SignInThrottle, type SignInLimits } from './auth/sign-in-throttle';
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
  /** Closes what the auth holds open (the revocations' database connection). */
  close(): void;
}

/**
 * Opens the platform's secret (in `dataDir`, or in memory), the accounts, the kiosks' revocations
 * (in the records `database`) and the sign-in throttle.
 */
export function openPlatformAuth(
  dataDir: string | null,
  database: RecordsDatabaseFile,
  signInLimits?: SignInLimits,
): PlatformAuth {
  if (dataDir) mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secret = dataDir ? loadOrCreateSecret(join(dataDir, 'platform-secret')) : randomBytes(32);
  // Revocations sit in the records database, where the admin command writes them.
  const revocations = dataDir ? new SqliteKioskRevocations(database) : null;
  const kioskRevocations = revocations ?? memoryRevocations();
  const kioskCredentials = new KioskCredentials(secret, { revocations: kioskRevocations });
  return {
    kioskCredentials,
    callTokens: new CallTokens(secret, systemClock, undefined, kioskRevocations),
    accounts: new DoctorAccounts(dataDir ? join(dataDir, 'doctors.json') : null),
    sessions: new DoctorSessions(),
    throttle: new SignInThrottle(signInLimits),
    ticketTokens: new TicketTokens(secret),
    close: () => revocations?.close(),
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
  if (options.seedDevDoctor && options.technicians && !options.technicians.has(DEV_TECHNICIAN.id)) {
    await options.technicians.upsert(DEV_TECHNICIAN);
    log.info('dev technician account seeded (see README)');
  }
  if (options.seedDevDoctor && !auth.accounts.has(DEV_DOCTOR.email)) {
    await auth.accounts.upsert(DEV_DOCTOR);
    log.info('dev doctor account seeded (see README)');
  } else if (options.seedDevDoctor) {
    const existing = await auth.accounts.verify(DEV_DOCTOR.email, DEV_DOCTOR.password);
    // A data folder from before routing: the dev doctor would otherwise take no patient.
    if (existing && !auth.accounts.scopeOf(existing.id)) auth.accounts.setScope(DEV_DOCTOR.email, DEV_DOCTOR.scope);
  }
  for (const kiosk of options.devKiosks ?? []) {
    if (
      existsSync(kiosk.credentialFile) &&
      auth.kioskCredentials.verify(readFileSync(kiosk.credentialFile, 'utf8').trim())
    )
      continue;
    mkdirSync(dirname(kiosk.credentialFile), { recursive: true, mode: 0o700 });
    writeFileSync(kiosk.credentialFile, auth.kioskCredentials.issue(kiosk.kioskId), { mode: 0o600 });
    log.info(`dev credential written for kiosk ${kiosk.kioskId}`);
  }
}
