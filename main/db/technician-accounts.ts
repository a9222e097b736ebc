import type { TechnicianAccountWire } from '../../common/staff/technician';
import type { Clock } from '../../common/util/clock';
import type { SqliteDatabase } from './open-database';

/** An identifier's wrong secrets in a row and the end of its lockout (ms; 0 when not locked). */
export interface TechnicianLockout {
  failures: number;
  lockedUntilMs: number;
}

/**
 * The technicians' accounts cached from the platform and the lockouts (migration 0007). The
 * account list is replaced whole at each fetch: an account revoked on the platform leaves here.
 */
export class TechnicianAccountsTable {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly clock: Clock,
  ) {}

  /** Replaces the cached accounts by the platform's list, in one transaction. */
  replaceAll(accounts: readonly TechnicianAccountWire[]): void {
    const insert = this.db.prepare(
      'INSERT INTO technician_accounts (id, name, secret_hash, received_at_ms) VALUES (?, ?, ?, ?)',
    );
    const now = this.clock.now();
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM technician_accounts').run();
      for (const a of accounts) insert.run(a.id, a.name, a.secretHash, now);
    })();
  }

  find(id: string): TechnicianAccountWire | null {
    const row = this.db
      .prepare<[string], { id: string; name: string; secret_hash: string }>(
        'SELECT id, name, secret_hash FROM technician_accounts WHERE id = ?',
      )
      .get(id);
    return row ? { id: row.id, name: row.name, secretHash: row.secret_hash } : null;
  }

  count(): number {
    return this.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM technician_accounts').get()?.n ?? 0;
  }

  lockout(identifier: string): TechnicianLockout {
    const row = this.db
      .prepare<[string], { failures: number; locked_until_ms: number }>(
        'SELECT failures, locked_until_ms FROM technician_lockouts WHERE identifier = ?',
      )
      .get(identifier);
    return row ? { failures: row.failures, lockedUntilMs: row.locked_until_ms } : { failures: 0, lockedUntilMs: 0 };
  }

  setLockout(identifier: string, lockout: TechnicianLockout): void {
    if (lockout.failures === 0 && lockout.lockedUntilMs === 0) {
      this.db.prepare('DELETE FROM technician_lockouts WHERE identifier = ?').run(identifier);
      return;
    }
    this.db
      .prepare(
        `INSERT INTO technician_lockouts (identifier, failures, locked_until_ms) VALUES (?, ?, ?)
         ON CONFLICT (identifier) DO UPDATE SET failures = excluded.failures, locked_until_ms = excluded.locked_until_ms`,
      )
      .run(identifier, lockout.failures, lockout.lockedUntilMs);
  }
}
