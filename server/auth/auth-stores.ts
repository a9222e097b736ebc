import type { DoctorScope } from '../../common/routing/doctor-scope';

/** A doctor's account as stored (the password as its scrypt hash; null: Pro Santé Connect only). */
export interface StoredDoctor {
  id: string;
  /** Lower case. */
  email: string;
  name: string;
  rpps: string;
  passwordHash: string | null;
  /** Absent on accounts made before routing: the doctor takes no patient until it is set. */
  scope: DoctorScope | null;
  practiceAddress: string | null;
}

/** A pharmacist's account as stored, scoped to one pharmacy. */
export interface StoredPharmacist {
  id: string;
  /** Lower case. */
  email: string;
  name: string;
  pharmacyId: string;
  passwordHash: string;
}

export type StaffKind = 'doctor' | 'pharmacist';

/** A session as stored: the SHA-256 of its bearer token (never the token), who it speaks for (JSON). */
export interface StoredSession {
  tokenHash: string;
  kind: StaffKind;
  holder: unknown;
  createdAtMs: number;
  expiresAtMs: number;
}

/**
 * The staff's accounts, sessions and the kiosks' revocations, on either engine: the records'
 * SQLite file (sqlite-auth-stores.ts, the default) or PostgreSQL (pg-auth-stores.ts). Checks of what
 * an account may hold (a name, a scope) are the callers' (doctor-accounts.ts); these keep rows.
 */
export interface DoctorAccountStore {
  byEmail(email: string): Promise<StoredDoctor | null>;
  byId(id: string): Promise<StoredDoctor | null>;
  byRpps(rpps: string): Promise<StoredDoctor | null>;
  /** Adds or replaces the account of this e-mail (its id kept); rejects when the RPPS is another account's. */
  save(account: StoredDoctor): Promise<void>;
  /** Adds the account unless its e-mail or RPPS is already there (an import never overwrites): whether it was added. */
  insertNew(account: StoredDoctor): Promise<boolean>;
}

export interface PharmacistAccountStore {
  byEmail(email: string): Promise<StoredPharmacist | null>;
  /** Adds or replaces the account of this e-mail (its id kept). */
  save(account: StoredPharmacist): Promise<void>;
  insertNew(account: StoredPharmacist): Promise<boolean>;
}

export interface SessionStore {
  /** Stores a new session and removes the expired ones. */
  create(session: StoredSession, nowMs: number): Promise<void>;
  /** The session of this kind and token hash when it has not expired at `nowMs`, else null. */
  find(kind: StaffKind, tokenHash: string, nowMs: number): Promise<StoredSession | null>;
  /** Replaces who a live session speaks for (a doctor's duty); false when it is gone. */
  replaceHolder(kind: StaffKind, tokenHash: string, holder: unknown, nowMs: number): Promise<boolean>;
  revoke(kind: StaffKind, tokenHash: string): Promise<void>;
}

/** Per kiosk, the time up to which its credentials are revoked. */
export interface KioskRevocationStore {
  /** Credentials of this kiosk issued at or before the returned time (ms) are refused; null: none. */
  revokedBefore(kioskId: string): Promise<number | null>;
  /** Never moves a revocation back. */
  revoke(kioskId: string, atMs: number): Promise<void>;
  /** Every kiosk's revocation time (a few rows: the node's mirror for a database outage, revocation-mirror.ts). */
  all(): Promise<Map<string, number>>;
}

export interface AuthStores {
  readonly doctors: DoctorAccountStore;
  readonly pharmacists: PharmacistAccountStore;
  readonly sessions: SessionStore;
  readonly revocations: KioskRevocationStore;
  close(): void | Promise<void>;
}
