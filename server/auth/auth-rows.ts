import type { StaffKind, StoredDoctor, StoredPharmacist, StoredSession } from './auth-stores';

/**
 * The staff tables' rows as both engines give them back (SQLite 0019–0020, PostgreSQL 0007–0008),
 * read one way. Where the engines differ it is only in kind: SQLite keeps JSON as text and
 * milliseconds as numbers, PostgreSQL hands back parsed jsonb and bigints as strings.
 */
export interface DoctorRow {
  id: string;
  email: string;
  name: string;
  rpps: string;
  password_hash: string | null;
  scope: unknown;
  practice_address: string | null;
}
export interface PharmacistRow {
  id: string;
  email: string;
  name: string;
  pharmacy_id: string;
  password_hash: string;
}
export interface SessionRow {
  token_hash: string;
  kind: StaffKind;
  /** Parsed: jsonb as PostgreSQL gives it; SQLite's text through JSON.parse first (a holder may be a string). */
  holder: unknown;
  created_at_ms: number | string;
  expires_at_ms: number | string;
}

/** A scope (an object or null) as jsonb gives it back parsed, or as SQLite's TEXT column holds it. */
const json = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);

export const doctorOf = (r: DoctorRow | undefined): StoredDoctor | null =>
  r
    ? {
        id: r.id,
        email: r.email,
        name: r.name,
        rpps: r.rpps,
        passwordHash: r.password_hash,
        scope: r.scope === null ? null : (json(r.scope) as StoredDoctor['scope']),
        practiceAddress: r.practice_address,
      }
    : null;

export const pharmacistOf = (r: PharmacistRow | undefined): StoredPharmacist | null =>
  r ? { id: r.id, email: r.email, name: r.name, pharmacyId: r.pharmacy_id, passwordHash: r.password_hash } : null;

export const sessionOf = (r: SessionRow | undefined): StoredSession | null =>
  r
    ? {
        tokenHash: r.token_hash,
        kind: r.kind,
        holder: r.holder,
        createdAtMs: Number(r.created_at_ms),
        expiresAtMs: Number(r.expires_at_ms),
      }
    : null;

/** A doctor account's columns in table order, as both engines insert them. */
export const doctorColumns = (a: StoredDoctor, nowMs: number) => [
  a.id,
  a.email,
  a.name,
  a.rpps,
  a.passwordHash,
  a.scope === null ? null : JSON.stringify(a.scope),
  a.practiceAddress,
  nowMs,
];

/** A pharmacist account's columns in table order, as both engines insert them. */
export const pharmacistColumns = (a: StoredPharmacist, nowMs: number) => [
  a.id,
  a.email,
  a.name,
  a.pharmacyId,
  a.passwordHash,
  nowMs,
];
