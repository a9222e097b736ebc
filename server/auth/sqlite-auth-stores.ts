import type Database from 'better-sqlite3-multiple-ciphers';
import { openRecordsDatabase, type RecordsDatabaseFile } from '../records/records-database';
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
  StaffKind,
  StoredDoctor,
  StoredPharmacist,
} from './auth-stores';

/**
 * The SQLite engine's doctor accounts (migration 0019). The SQLite classes answer at once; their
 * work is done before the promise is returned.
 */
function sqliteDoctors(db: Database.Database, now: () => number): DoctorAccountStore {
  const by = (column: 'email' | 'id' | 'rpps') =>
    db.prepare<[string], DoctorRow>(`SELECT * FROM doctor_accounts WHERE ${column} = ?`);
  const [byEmail, byId, byRpps] = [by('email'), by('id'), by('rpps')];
  const params = (a: StoredDoctor) => doctorColumns(a, now());
  const insert = 'INSERT INTO doctor_accounts VALUES (?, ?, ?, ?, ?, ?, ?, ?)';
  return {
    byEmail: async (email) => doctorOf(byEmail.get(email)),
    byId: async (id) => doctorOf(byId.get(id)),
    byRpps: async (rpps) => doctorOf(byRpps.get(rpps)),
    save: async (account) => {
      db.prepare(
        `${insert} ON CONFLICT (email) DO UPDATE SET name = excluded.name, rpps = excluded.rpps,
           password_hash = excluded.password_hash, scope = excluded.scope,
           practice_address = excluded.practice_address, updated_at_ms = excluded.updated_at_ms`,
      ).run(...params(account));
    },
    insertNew: async (account) => db.prepare(`${insert} ON CONFLICT DO NOTHING`).run(...params(account)).changes === 1,
  };
}

function sqlitePharmacists(db: Database.Database, now: () => number): PharmacistAccountStore {
  const byEmail = db.prepare<[string], PharmacistRow>('SELECT * FROM pharmacist_accounts WHERE email = ?');
  const params = (a: StoredPharmacist) => pharmacistColumns(a, now());
  const insert = 'INSERT INTO pharmacist_accounts VALUES (?, ?, ?, ?, ?, ?)';
  return {
    byEmail: async (email) => pharmacistOf(byEmail.get(email)),
    save: async (account) => {
      db.prepare(
        `${insert} ON CONFLICT (email) DO UPDATE SET name = excluded.name, pharmacy_id = excluded.pharmacy_id,
           password_hash = excluded.password_hash, updated_at_ms = excluded.updated_at_ms`,
      ).run(...params(account));
    },
    insertNew: async (account) => db.prepare(`${insert} ON CONFLICT DO NOTHING`).run(...params(account)).changes === 1,
  };
}

function sqliteSessions(db: Database.Database): SessionStore {
  const find = db.prepare<[StaffKind, string, number], SessionRow>(
    'SELECT * FROM staff_sessions WHERE kind = ? AND token_hash = ? AND expires_at_ms > ?',
  );
  return {
    create: async (s, nowMs) => {
      db.prepare('DELETE FROM staff_sessions WHERE expires_at_ms <= ?').run(nowMs);
      db.prepare('INSERT INTO staff_sessions VALUES (?, ?, ?, ?, ?)').run(
        s.tokenHash,
        s.kind,
        JSON.stringify(s.holder),
        s.createdAtMs,
        s.expiresAtMs,
      );
    },
    find: async (kind, tokenHash, nowMs) => {
      const row = find.get(kind, tokenHash, nowMs);
      return sessionOf(row && { ...row, holder: JSON.parse(row.holder as string) as unknown });
    },
    replaceHolder: async (kind, tokenHash, holder, nowMs) =>
      db
        .prepare('UPDATE staff_sessions SET holder = ? WHERE kind = ? AND token_hash = ? AND expires_at_ms > ?')
        .run(JSON.stringify(holder), kind, tokenHash, nowMs).changes === 1,
    revoke: async (kind, tokenHash) => {
      db.prepare('DELETE FROM staff_sessions WHERE kind = ? AND token_hash = ?').run(kind, tokenHash);
    },
  };
}

/** In the records database, where the admin command writes them (migration 0004). */
function sqliteRevocations(db: Database.Database): KioskRevocationStore {
  const lookup = db.prepare<[string], { revoked_before_ms: number }>(
    'SELECT revoked_before_ms FROM kiosk_credential_revocations WHERE kiosk_id = ?',
  );
  return {
    revokedBefore: async (kioskId) => lookup.get(kioskId)?.revoked_before_ms ?? null,
    all: async () =>
      new Map(
        db
          .prepare<[], { kiosk_id: string; revoked_before_ms: number }>('SELECT * FROM kiosk_credential_revocations')
          .all()
          .map((r) => [r.kiosk_id, r.revoked_before_ms]),
      ),
    revoke: async (kioskId, atMs) => {
      db.prepare(
        `INSERT INTO kiosk_credential_revocations VALUES (?, ?) ON CONFLICT (kiosk_id)
         DO UPDATE SET revoked_before_ms = max(revoked_before_ms, excluded.revoked_before_ms)`,
      ).run(kioskId, atMs);
    },
  };
}

/**
 * The auth's stores in the records database (encrypted under the data key), on a connection of
 * their own; `:memory:` (a platform without a data folder) is a database of its own.
 */
export function openSqliteAuthStores(database: RecordsDatabaseFile, now: () => number = Date.now): AuthStores {
  const db = openRecordsDatabase(database);
  return {
    doctors: sqliteDoctors(db, now),
    pharmacists: sqlitePharmacists(db, now),
    sessions: sqliteSessions(db),
    revocations: sqliteRevocations(db),
    close: () => {
      if (db.open) db.close();
    },
  };
}
