import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PgRecordsRepository } from '../records/pg-records-repository';
import { requirePostgres } from '../testing/postgres-instance';
import type { AuthStores } from './auth-stores';
import { SESSION_CACHE_MS } from './bearer-sessions';
import { CallTokens } from './call-tokens';
import { DEV_DOCTOR, DoctorAccounts } from './doctor-accounts';
import { DoctorSessions } from './doctor-sessions';
import { KioskCredentials } from './kiosk-credentials';
import { PharmacistAccounts } from './pharmacist-accounts';
import { pgAuthStores } from './pg-auth-stores';
import { openSqliteAuthStores } from './sqlite-auth-stores';
import { cleanupsAfterEach } from '../../common/util/testing/cleanups';

/**
 * One contract per family of the auth's stores (doctor accounts, pharmacist accounts, sessions,
 * kiosk revocations), both engines: the embedded SQLite (an encrypted temp file) and a private
 * PostgreSQL (server/testing/postgres-instance.ts). "Two nodes" are two connections (SQLite) or two
 * pools (PostgreSQL) on the same database, as in server/access/access-stores.contract.test.ts.
 */
const postgres = await requirePostgres();
afterAll(() => (postgres.missing ? undefined : postgres.value.stop()));

interface Node {
  stores: AuthStores;
  /** Raw SQL on the engine, as an operator with a database client would run it. */
  rows(sql: string): Promise<Record<string, unknown>[]>;
  /** Where the engine keeps its data on this machine (SQLite's file), to look for a token at rest. */
  file: string | null;
}
interface Engine {
  name: string;
  describe(title: string, body: () => void): void;
  /** A fresh database; each call of the returned function opens another node on it. */
  fresh(): Promise<() => Promise<Node>>;
}

const cleanups = cleanupsAfterEach();

const sqlite: Engine = {
  name: 'SQLite',
  describe,
  async fresh() {
    const dir = mkdtempSync(join(tmpdir(), 'auth-contract-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    // In clear here (key null), so the test can read the file for a token at rest.
    const database = { file: join(dir, 'records.sqlite'), key: null };
    return async () => {
      const stores = openSqliteAuthStores(database);
      cleanups.push(() => stores.close());
      const { default: Database } = await import('better-sqlite3-multiple-ciphers');
      return {
        stores,
        rows: async (sql) => {
          const db = new Database(database.file, { readonly: true });
          try {
            return db.prepare(sql).all() as Record<string, unknown>[];
          } finally {
            db.close();
          }
        },
        file: database.file,
      };
    };
  },
};

const postgresql: Engine = {
  name: 'PostgreSQL',
  describe: postgres.describe,
  async fresh() {
    const url = await postgres.value.createDatabase();
    const key = randomBytes(32);
    return async () => {
      const repo = await PgRecordsRepository.open({ url, key });
      cleanups.push(() => repo.close());
      const { pool } = repo.connection();
      return {
        stores: pgAuthStores(pool),
        rows: async (sql) => (await pool.query<Record<string, unknown>>(sql)).rows,
        file: null,
      };
    };
  },
};

const DOCTOR = { id: 'd1', name: 'Dr A', rpps: '10000000001' };

for (const engine of [sqlite, postgresql]) {
  engine.describe(`doctor accounts contract (${engine.name})`, () => {
    it('keeps hashes only, finds an account by e-mail, id and RPPS, and one node sees what another wrote', async () => {
      const open = await engine.fresh();
      const [a, b] = [await open(), await open()];
      const accounts = new DoctorAccounts(a.stores.doctors);
      const other = new DoctorAccounts(b.stores.doctors);
      const info = await accounts.upsert(DEV_DOCTOR);
      const [row] = await a.rows('SELECT password_hash FROM doctor_accounts');
      expect(row!.password_hash).toMatch(/^scrypt\$/);
      expect(await other.verify('DR.MARTIN@kiosk.test', DEV_DOCTOR.password)).toEqual(info);
      expect(await other.verify(DEV_DOCTOR.email, 'wrong-password')).toBeNull();
      expect(await other.verify('nobody@kiosk.test', DEV_DOCTOR.password)).toBeNull();
      expect(await other.find(' Dr.Martin@kiosk.test ')).toEqual(info);
      expect(await other.byRpps(DEV_DOCTOR.rpps)).toEqual(info);
      expect(await other.scopeOf(info.id)).toEqual(DEV_DOCTOR.scope);
      expect(await other.practiceAddressOf(info.id)).toBe(DEV_DOCTOR.practiceAddress);
      expect(await other.has(DEV_DOCTOR.email)).toBe(true);
      expect(await other.find('nobody@kiosk.test')).toBeNull();
      expect(await other.scopeOf('unknown-id')).toBeNull();
    });

    it('updates in place: same id, the scope and address kept unless given, no password for Pro Santé Connect', async () => {
      const { stores } = await (await engine.fresh())();
      const accounts = new DoctorAccounts(stores.doctors);
      const first = await accounts.upsert(DEV_DOCTOR);
      const again = await accounts.upsert({
        email: DEV_DOCTOR.email,
        password: null,
        name: 'Dr C. Martin',
        rpps: DEV_DOCTOR.rpps,
      });
      expect(again).toEqual({ ...first, name: 'Dr C. Martin' });
      expect(await accounts.scopeOf(first.id)).toEqual(DEV_DOCTOR.scope);
      expect(await accounts.practiceAddressOf(first.id)).toBe(DEV_DOCTOR.practiceAddress);
      expect(await accounts.verify(DEV_DOCTOR.email, DEV_DOCTOR.password)).toBeNull();
      await accounts.setScope(DEV_DOCTOR.email, { specialties: ['paediatrics', 'paediatrics'], territories: ['2A'] });
      expect(await accounts.scopeOf(first.id)).toEqual({ specialties: ['paediatrics'], territories: ['2A'] });
      await expect(accounts.setScope('nobody@kiosk.test', DEV_DOCTOR.scope)).rejects.toThrow(/no doctor account/);
    });

    it('refuses a bad RPPS, a short password, a wrong scope, and an RPPS that is another account’s', async () => {
      const { stores } = await (await engine.fresh())();
      const accounts = new DoctorAccounts(stores.doctors);
      await expect(accounts.upsert({ ...DEV_DOCTOR, rpps: '123' })).rejects.toThrow(/rpps/);
      await expect(accounts.upsert({ ...DEV_DOCTOR, password: 'short' })).rejects.toThrow(/password/);
      await expect(
        accounts.upsert({ ...DEV_DOCTOR, scope: { specialties: ['paediatrics'], territories: ['75', '20'] } }),
      ).rejects.toThrow(/^scope\.territories\.1: a département code/);
      await accounts.upsert(DEV_DOCTOR);
      await expect(accounts.upsert({ ...DEV_DOCTOR, email: 'dr.other@kiosk.test' })).rejects.toThrow(
        /rpps: 10000000001 is already the RPPS of the account dr.martin@kiosk.test/,
      );
      // The store itself refuses a second holder of an RPPS (two admin commands at once).
      const twin = { ...(await stores.doctors.byEmail(DEV_DOCTOR.email))!, id: 'other', email: 'x@kiosk.test' };
      await expect(stores.doctors.save(twin)).rejects.toThrow(/unique|UNIQUE/);
      expect(await stores.doctors.insertNew(twin)).toBe(false);
    });
  });

  engine.describe(`pharmacist accounts contract (${engine.name})`, () => {
    it('keeps hashes only, verifies, updates in place and refuses bad input', async () => {
      const open = await engine.fresh();
      const [a, b] = [await open(), await open()];
      const accounts = new PharmacistAccounts(a.stores.pharmacists);
      const input = { email: 'Pharma@Kiosk.test', password: 'comptoir-dev', name: 'Camille', pharmacyId: 'ph-1' };
      const first = await accounts.upsert(input);
      const [row] = await a.rows('SELECT password_hash FROM pharmacist_accounts');
      expect(row!.password_hash).toMatch(/^scrypt\$/);
      const other = new PharmacistAccounts(b.stores.pharmacists);
      expect(await other.verify('pharma@kiosk.test', 'comptoir-dev')).toEqual(first);
      expect(await other.verify('pharma@kiosk.test', 'wrong-one')).toBeNull();
      expect(await other.has('PHARMA@kiosk.test')).toBe(true);
      const moved = await other.upsert({ ...input, pharmacyId: 'ph-2' });
      expect(moved).toEqual({ ...first, pharmacyId: 'ph-2' });
      await expect(accounts.upsert({ ...input, email: 'not-an-address' })).rejects.toThrow(/email/);
      await expect(accounts.upsert({ ...input, password: 'short' })).rejects.toThrow(/password/);
      await expect(accounts.upsert({ ...input, pharmacyId: 'Bad Id' })).rejects.toThrow(/pharmacy/);
    });
  });

  engine.describe(`staff sessions contract (${engine.name})`, () => {
    it('stores the token’s hash only: a session made on one node is accepted on another, until signed out', async () => {
      const open = await engine.fresh();
      const [a, b] = [await open(), await open()];
      const clock = { now: () => Date.now(), setTimeout, clearTimeout } as never;
      const onA = new DoctorSessions(a.stores.sessions, clock);
      const onB = new DoctorSessions(b.stores.sessions, clock);
      const session = await onA.create(DOCTOR);
      expect((await onB.fromAuthorization(`Bearer ${session.token}`))?.doctor).toEqual(DOCTOR);
      expect(await onB.fromAuthorization(session.token)).toBeNull();
      const stored = await a.rows('SELECT token_hash FROM staff_sessions');
      expect(stored).toEqual([{ token_hash: createHash('sha256').update(session.token).digest('hex') }]);
      // Nor anywhere in SQLite's file or its write-ahead log (the test's file is in clear to look).
      for (const file of a.file ? [a.file, `${a.file}-wal`] : [])
        expect(readFileSync(file).includes(session.token)).toBe(false);
      // B signs the doctor out: A, which read it just before, refuses it on its next read of the store.
      await onB.revoke(session.token);
      expect(await onB.get(session.token)).toBeNull();
      expect(await a.rows('SELECT token_hash FROM staff_sessions')).toEqual([]);
    });

    it('expire after their lifetime, keep the duty set on any node, and kinds do not mix', async () => {
      const open = await engine.fresh();
      const [a, b] = [await open(), await open()];
      let now = 1_700_000_000_000;
      const clock = { now: () => now, setTimeout: () => 0, clearTimeout: () => {} };
      const onA = new DoctorSessions(a.stores.sessions, clock, 60_000);
      const onB = new DoctorSessions(b.stores.sessions, clock, 60_000);
      const session = await onA.create(DOCTOR);
      expect((await onB.get(session.token))?.onDuty).toBe(false);
      expect(await onB.setOnDuty(session.token, true)).toBe(true);
      now += SESSION_CACHE_MS;
      expect((await onA.get(session.token))?.onDuty).toBe(true);
      // A pharmacist's token is not a doctor's, even with the same store.
      expect(
        await b.stores.sessions.find('pharmacist', createHash('sha256').update(session.token).digest('hex'), now),
      ).toBeNull();
      now = session.expiresAt - 1;
      expect(await onB.get(session.token)).not.toBeNull();
      now = session.expiresAt;
      expect(await onA.get(session.token)).toBeNull();
      expect(await onB.get(session.token)).toBeNull();
      expect(await onB.setOnDuty(session.token, false)).toBe(false);
      // Expired rows are removed as sessions are made.
      await onA.create(DOCTOR);
      expect(await a.rows('SELECT token_hash FROM staff_sessions')).toHaveLength(1);
    });

    it('a sign-out on another node counts here within the cache bound', async () => {
      const open = await engine.fresh();
      const [a, b] = [await open(), await open()];
      let now = 1_700_000_000_000;
      const clock = { now: () => now, setTimeout: () => 0, clearTimeout: () => {} };
      const onA = new DoctorSessions(a.stores.sessions, clock);
      const onB = new DoctorSessions(b.stores.sessions, clock);
      const session = await onA.create(DOCTOR);
      expect(await onA.get(session.token)).not.toBeNull();
      await onB.revoke(session.token);
      now += SESSION_CACHE_MS;
      expect(await onA.get(session.token)).toBeNull();
    });
  });

  engine.describe(`kiosk revocations contract (${engine.name})`, () => {
    it('a revocation written by one process is refused by every node; a newer credential works', async () => {
      const open = await engine.fresh();
      const [a, b, admin] = [await open(), await open(), await open()];
      const secret = randomBytes(32);
      let t = Date.parse('2026-03-02T09:00:00Z');
      const on = (node: Node) => new KioskCredentials(secret, { revocations: node.stores.revocations, now: () => t });
      const token = on(a).issue('kiosk-abc');
      const other = on(a).issue('kiosk-def');
      const tokens = new CallTokens(
        secret,
        { now: () => t, setTimeout: () => 0, clearTimeout: () => {} },
        1000,
        b.stores.revocations,
      );
      const ticket = tokens.issue('kiosk-abc', 's-1').token;
      t += 1;
      await on(admin).revoke('kiosk-abc');
      for (const node of [a, b]) {
        expect(await on(node).check(token)).toEqual({ ok: false, refusal: 'credential-revoked' });
        expect((await on(node).check(other)).ok).toBe(true);
      }
      expect(await tokens.verify(ticket)).toBeNull();
      // A revocation never moves back, even one written with an older time.
      await admin.stores.revocations.revoke('kiosk-abc', t - 10_000);
      expect(await b.stores.revocations.revokedBefore('kiosk-abc')).toBe(t);
      t += 1;
      expect((await on(b).check(on(a).issue('kiosk-abc'))).ok).toBe(true);
      expect(await a.stores.revocations.revokedBefore('kiosk-unknown')).toBeNull();
    });
  });
}
