import type Database from 'better-sqlite3-multiple-ciphers';
import type pg from 'pg';
import {
  TECHNICIAN_SECRET_CHARACTERS,
  TECHNICIAN_SECRET_MIN,
  TechnicianId,
  type TechnicianAccountWire,
} from '../../common/staff/technician';
import { hashPassword } from './password-hash';

/** The development technician seeded by `--dev` (README): signs in at a development kiosk. */
export const DEV_TECHNICIAN = {
  id: 'tech.dev',
  name: 'Technicien de développement',
  secret: 'technicien-dev',
} as const;

type Row = { id: string; name: string; secret_hash: string };

/**
 * The field technicians' accounts: the admin command writes them, the running platform hands the
 * active ones to kiosks (server/api/technician-routes.ts). Secrets are kept only as scrypt hashes.
 * Two engines: the records database (SQLite migration 0011, encrypted with the records) and
 * PostgreSQL (migration 0015), so every node hands out the same accounts.
 */
export interface TechnicianAccounts {
  /** Creates or replaces (same identifier) an account, lifting a revocation. Throws naming what is wrong. */
  upsert(input: { id: string; name: string; secret: string }): Promise<{ id: string; name: string }>;
  /** Stops handing the account to kiosks (they drop it at their next fetch); false when unknown. */
  revoke(id: string): Promise<boolean>;
  has(id: string): Promise<boolean>;
  /** The active accounts as kiosks receive them, by identifier. */
  active(): Promise<TechnicianAccountWire[]>;
}

/** The account as given, checked: its identifier, name and the scrypt hash of its secret. */
async function checkedAccount(input: { id: string; name: string; secret: string }) {
  const id = TechnicianId.safeParse(input.id);
  if (!id.success) throw new Error(`--id: 3 to 40 lower-case letters, digits, dots or dashes (got "${input.id}")`);
  const name = input.name.trim();
  if (name.length === 0 || name.length > 120) throw new Error('--name: 1 to 120 characters');
  if (input.secret.length < TECHNICIAN_SECRET_MIN)
    throw new Error(`the secret: at least ${TECHNICIAN_SECRET_MIN} characters`);
  if (!TECHNICIAN_SECRET_CHARACTERS.test(input.secret))
    throw new Error("the secret: lower-case letters, digits and . - _ @ only (what the kiosk's keyboard types)");
  return { id: id.data, name, hash: await hashPassword(input.secret) };
}

const UPSERT = `INSERT INTO technician_accounts (id, name, secret_hash, updated_at, revoked_at) VALUES ($1, $2, $3, $4, NULL)
  ON CONFLICT (id) DO UPDATE SET name = excluded.name, secret_hash = excluded.secret_hash,
    updated_at = excluded.updated_at, revoked_at = NULL`;
const REVOKE = 'UPDATE technician_accounts SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL';
const HAS = 'SELECT 1 FROM technician_accounts WHERE id = $1';
const ACTIVE = 'SELECT id, name, secret_hash FROM technician_accounts WHERE revoked_at IS NULL ORDER BY id';
/** SQLite takes the same statements, each parameter used once and in order: `?` for `$n`. */
const sqlite = (sql: string) => sql.replace(/\$\d+/g, '?');
const wire = (r: Row): TechnicianAccountWire => ({ id: r.id, name: r.name, secretHash: r.secret_hash });

/** In the records database (SQLite): the default engine. */
export class SqliteTechnicianAccounts implements TechnicianAccounts {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => number = Date.now,
  ) {}

  async upsert(input: { id: string; name: string; secret: string }): Promise<{ id: string; name: string }> {
    const { id, name, hash } = await checkedAccount(input);
    this.db.prepare(sqlite(UPSERT)).run(id, name, hash, new Date(this.now()).toISOString());
    return { id, name };
  }

  async revoke(id: string): Promise<boolean> {
    return (
      this.db.prepare(sqlite(REVOKE)).run(new Date(this.now()).toISOString(), id.trim().toLowerCase()).changes === 1
    );
  }

  async has(id: string): Promise<boolean> {
    return this.db.prepare(sqlite(HAS)).get(id) !== undefined;
  }

  async active(): Promise<TechnicianAccountWire[]> {
    return this.db.prepare<[], Row>(ACTIVE).all().map(wire);
  }
}

/** On PostgreSQL (migration 0015), the same answers: what one node saved, every node hands out. */
export class PgTechnicianAccounts implements TechnicianAccounts {
  constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => number = Date.now,
  ) {}

  async upsert(input: { id: string; name: string; secret: string }): Promise<{ id: string; name: string }> {
    const { id, name, hash } = await checkedAccount(input);
    await this.pool.query(UPSERT, [id, name, hash, new Date(this.now()).toISOString()]);
    return { id, name };
  }

  async revoke(id: string): Promise<boolean> {
    const done = await this.pool.query(REVOKE, [new Date(this.now()).toISOString(), id.trim().toLowerCase()]);
    return done.rowCount === 1;
  }

  async has(id: string): Promise<boolean> {
    return ((await this.pool.query(HAS, [id])).rowCount ?? 0) > 0;
  }

  async active(): Promise<TechnicianAccountWire[]> {
    return (await this.pool.query<Row>(ACTIVE)).rows.map(wire);
  }
}
