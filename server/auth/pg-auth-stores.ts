import type pg from 'pg';
import {
  doctorColumns,
  doctorOf,
  pharmacistColumns,
  pharmacistOf,
  sessionOf,
  type DoctorRow,
  type PharmacistRow,
  type SessionRow,
} from './auth-rows';
import type {
  AuthStores,
  DoctorAccountStore,
  KioskRevocationStore,
  PharmacistAccountStore,
  SessionStore,
  StoredDoctor,
  StoredPharmacist,
} from './auth-stores';

/** Doctor accounts on PostgreSQL (migration 0007), the same answers as the SQLite engine's. */
function pgDoctors(pool: pg.Pool, now: () => number): DoctorAccountStore {
  const by = async (column: 'email' | 'id' | 'rpps', value: string) =>
    doctorOf((await pool.query<DoctorRow>(`SELECT * FROM doctor_accounts WHERE ${column} = $1`, [value])).rows[0]);
  const params = (a: StoredDoctor) => doctorColumns(a, now());
  const insert = 'INSERT INTO doctor_accounts VALUES ($1, $2, $3, $4, $5, $6, $7, $8)';
  return {
    byEmail: (email) => by('email', email),
    byId: (id) => by('id', id),
    byRpps: (rpps) => by('rpps', rpps),
    save: async (account) => {
      await pool.query(
        `${insert} ON CONFLICT (email) DO UPDATE SET name = excluded.name, rpps = excluded.rpps,
           password_hash = excluded.password_hash, scope = excluded.scope,
           practice_address = excluded.practice_address, updated_at_ms = excluded.updated_at_ms`,
        params(account),
      );
    },
    insertNew: async (account) =>
      ((await pool.query(`${insert} ON CONFLICT DO NOTHING`, params(account))).rowCount ?? 0) === 1,
  };
}

function pgPharmacists(pool: pg.Pool, now: () => number): PharmacistAccountStore {
  const params = (a: StoredPharmacist) => pharmacistColumns(a, now());
  const insert = 'INSERT INTO pharmacist_accounts VALUES ($1, $2, $3, $4, $5, $6)';
  return {
    byEmail: async (email) => {
      const { rows } = await pool.query<PharmacistRow>('SELECT * FROM pharmacist_accounts WHERE email = $1', [email]);
      return pharmacistOf(rows[0]);
    },
    save: async (account) => {
      await pool.query(
        `${insert} ON CONFLICT (email) DO UPDATE SET name = excluded.name, pharmacy_id = excluded.pharmacy_id,
           password_hash = excluded.password_hash, updated_at_ms = excluded.updated_at_ms`,
        params(account),
      );
    },
    insertNew: async (account) =>
      ((await pool.query(`${insert} ON CONFLICT DO NOTHING`, params(account))).rowCount ?? 0) === 1,
  };
}

/** Sessions on PostgreSQL (migration 0008): every node finds the one another made. */
function pgSessions(pool: pg.Pool): SessionStore {
  return {
    create: async (s, nowMs) => {
      await pool.query('DELETE FROM staff_sessions WHERE expires_at_ms <= $1', [nowMs]);
      await pool.query('INSERT INTO staff_sessions VALUES ($1, $2, $3, $4, $5)', [
        s.tokenHash,
        s.kind,
        JSON.stringify(s.holder),
        s.createdAtMs,
        s.expiresAtMs,
      ]);
    },
    find: async (kind, tokenHash, nowMs) => {
      const { rows } = await pool.query<SessionRow>(
        'SELECT * FROM staff_sessions WHERE kind = $1 AND token_hash = $2 AND expires_at_ms > $3',
        [kind, tokenHash, nowMs],
      );
      return sessionOf(rows[0]);
    },
    replaceHolder: async (kind, tokenHash, holder, nowMs) => {
      const { rowCount } = await pool.query(
        'UPDATE staff_sessions SET holder = $1 WHERE kind = $2 AND token_hash = $3 AND expires_at_ms > $4',
        [JSON.stringify(holder), kind, tokenHash, nowMs],
      );
      return rowCount === 1;
    },
    revoke: async (kind, tokenHash) => {
      await pool.query('DELETE FROM staff_sessions WHERE kind = $1 AND token_hash = $2', [kind, tokenHash]);
    },
  };
}

/** Kiosk revocations on PostgreSQL (migration 0009): a revocation made anywhere is read by every node. */
function pgRevocations(pool: pg.Pool): KioskRevocationStore {
  return {
    revokedBefore: async (kioskId) => {
      const { rows } = await pool.query<{ revoked_before_ms: string }>(
        'SELECT revoked_before_ms FROM kiosk_credential_revocations WHERE kiosk_id = $1',
        [kioskId],
      );
      return rows[0] ? Number(rows[0].revoked_before_ms) : null;
    },
    all: async () => {
      const { rows } = await pool.query<{ kiosk_id: string; revoked_before_ms: string }>(
        'SELECT * FROM kiosk_credential_revocations',
      );
      return new Map(rows.map((r) => [r.kiosk_id, Number(r.revoked_before_ms)]));
    },
    revoke: async (kioskId, atMs) => {
      await pool.query(
        `INSERT INTO kiosk_credential_revocations VALUES ($1, $2) ON CONFLICT (kiosk_id)
         DO UPDATE SET revoked_before_ms = greatest(kiosk_credential_revocations.revoked_before_ms, excluded.revoked_before_ms)`,
        [kioskId, atMs],
      );
    },
  };
}

/** The auth's stores on the records' PostgreSQL pool (its owner closes it). */
export function pgAuthStores(pool: pg.Pool, now: () => number = Date.now): AuthStores {
  return {
    doctors: pgDoctors(pool, now),
    pharmacists: pgPharmacists(pool, now),
    sessions: pgSessions(pool),
    revocations: pgRevocations(pool),
    close: () => {},
  };
}
