import type Database from 'better-sqlite3-multiple-ciphers';
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
 * The field technicians' accounts in the records database (migration 0011), encrypted with the
 * records: the admin command writes them, the running platform hands the active ones to kiosks
 * (server/api/technician-routes.ts). Secrets are kept only as scrypt hashes.
 */
export class TechnicianAccounts {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => number = Date.now,
  ) {}

  /** Creates or replaces (same identifier) an account, lifting a revocation. Throws naming what is wrong. */
  async upsert(input: { id: string; name: string; secret: string }): Promise<{ id: string; name: string }> {
    const id = TechnicianId.safeParse(input.id);
    if (!id.success) throw new Error(`--id: 3 to 40 lower-case letters, digits, dots or dashes (got "${input.id}")`);
    const name = input.name.trim();
    if (name.length === 0 || name.length > 120) throw new Error('--name: 1 to 120 characters');
    if (input.secret.length < TECHNICIAN_SECRET_MIN)
      throw new Error(`the secret: at least ${TECHNICIAN_SECRET_MIN} characters`);
    if (!TECHNICIAN_SECRET_CHARACTERS.test(input.secret))
      throw new Error("the secret: lower-case letters, digits and . - _ @ only (what the kiosk's keyboard types)");
    const hash = await hashPassword(input.secret);
    this.db
      .prepare(
        `INSERT INTO technician_accounts (id, name, secret_hash, updated_at, revoked_at) VALUES (?, ?, ?, ?, NULL)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, secret_hash = excluded.secret_hash,
           updated_at = excluded.updated_at, revoked_at = NULL`,
      )
      .run(id.data, name, hash, new Date(this.now()).toISOString());
    return { id: id.data, name };
  }

  /** Stops handing the account to kiosks (they drop it at their next fetch); false when unknown. */
  revoke(id: string): boolean {
    const result = this.db
      .prepare('UPDATE technician_accounts SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
      .run(new Date(this.now()).toISOString(), id.trim().toLowerCase());
    return result.changes === 1;
  }

  has(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM technician_accounts WHERE id = ?').get(id) !== undefined;
  }

  /** The active accounts as kiosks receive them, by identifier. */
  active(): TechnicianAccountWire[] {
    return this.db
      .prepare<[], Row>('SELECT id, name, secret_hash FROM technician_accounts WHERE revoked_at IS NULL ORDER BY id')
      .all()
      .map((r) => ({ id: r.id, name: r.name, secretHash: r.secret_hash }));
  }
}
