import {
  TECHNICIAN_LOCKOUT_MS,
  TECHNICIAN_MAX_FAILURES,
  TechnicianId,
  type TechnicianSignInResponse,
} from '../../common/staff/technician';
import type { Clock } from '../../common/util/clock';
import { createLogger } from '../../common/util/logger';
import { verifyPin } from '../auth/pin';
import type { AuditEntry } from '../db/audit-log';
import type { TechnicianAccountsTable } from '../db/technician-accounts';

const log = createLogger('kiosk:main:technician');

/** A well-formed hash no secret matches: checked for an unknown identifier so timing tells nothing. */
const NO_ACCOUNT_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
/**
 * Identifiers with no account share one lockout row: what was typed there (a secret in the wrong
 * field, perhaps) is never written anywhere, and a real account's lockout is its own.
 */
const UNKNOWN = '*unknown*';

export interface TechnicianSignInOptions {
  accounts: Pick<TechnicianAccountsTable, 'find' | 'count' | 'lockout' | 'setLockout'>;
  audit: { append(entry: AuditEntry): void };
  clock: Clock;
  /** The secret's check (scrypt, main/auth/pin.ts); injectable so tests do not pay for scrypt. */
  verify?: (secret: string, hash: string) => boolean;
}

/** The audit actor of a technician: their identifier, never their name. */
export function technicianActor(id: string): string {
  return `technician:${id}`;
}

/**
 * Checks a technician's identifier and secret against the accounts cached from the platform, with
 * a lockout of 15 minutes after 5 wrong secrets per identifier, kept in the store (a restart does
 * not lift it). Every sign-in, refusal and lockout goes to the audit log; never the secret, and an
 * identifier only when it is an account's.
 */
export class TechnicianSignIn {
  private readonly verify: (secret: string, hash: string) => boolean;

  constructor(private readonly opts: TechnicianSignInOptions) {
    this.verify = opts.verify ?? verifyPin;
  }

  check(identifier: string, secret: string): TechnicianSignInResponse & { ok: boolean } {
    const { accounts, audit, clock } = this.opts;
    const now = clock.now();
    if (accounts.count() === 0) {
      audit.append({ actor: 'technician', action: 'technician-sign-in-refused', subject: 'no-accounts' });
      return { ok: false, error: 'no-accounts', retryAfterSeconds: null, attemptsLeft: null };
    }
    const id = TechnicianId.safeParse(identifier);
    const account = id.success ? accounts.find(id.data) : null;
    const key = account?.id ?? UNKNOWN;
    const actor = account ? technicianActor(account.id) : 'technician';
    const lockout = accounts.lockout(key);
    if (now < lockout.lockedUntilMs) {
      audit.append({ actor, action: 'technician-sign-in-refused', subject: 'locked' });
      return {
        ok: false,
        error: 'locked',
        retryAfterSeconds: Math.ceil((lockout.lockedUntilMs - now) / 1000),
        attemptsLeft: null,
      };
    }
    if (this.verify(secret, account?.secretHash ?? NO_ACCOUNT_HASH) && account) {
      accounts.setLockout(key, { failures: 0, lockedUntilMs: 0 });
      audit.append({ actor, action: 'technician-signed-in', subject: null });
      log.info(`technician ${account.id} signed in`);
      return { ok: true, technician: { id: account.id, name: account.name } };
    }
    // A lockout that ran out was stored with no failures: the count starts again.
    const failures = lockout.failures + 1;
    if (failures >= TECHNICIAN_MAX_FAILURES) {
      accounts.setLockout(key, { failures: 0, lockedUntilMs: now + TECHNICIAN_LOCKOUT_MS });
      audit.append({ actor, action: 'technician-locked-out', subject: `${TECHNICIAN_LOCKOUT_MS / 60_000}min` });
      log.warn(
        `technician sign-in locked for ${TECHNICIAN_LOCKOUT_MS / 60_000} min (${account ? account.id : 'unknown identifier'})`,
      );
      return { ok: false, error: 'locked', retryAfterSeconds: TECHNICIAN_LOCKOUT_MS / 1000, attemptsLeft: null };
    }
    accounts.setLockout(key, { failures, lockedUntilMs: 0 });
    audit.append({ actor, action: 'technician-sign-in-refused', subject: 'wrong-credentials' });
    return {
      ok: false,
      error: 'wrong-credentials',
      retryAfterSeconds: null,
      attemptsLeft: TECHNICIAN_MAX_FAILURES - failures,
    };
  }
}
