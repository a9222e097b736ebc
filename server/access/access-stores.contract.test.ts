import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { requirePostgres } from '../testing/postgres-instance';
import { PgRecordsRepository } from '../records/pg-records-repository';
import { openRecordsDatabase } from '../records/records-database';
import type { AccessAttempt } from './access-entry';
import { AccessLog } from './access-log';
import { sqliteAccessLogStore, sqliteAccessStore, type AccessLogStore, type AccessStore } from './access-store';
import { ConsultationAccess } from './consultation-access';
import { PgAccessLog, PgAccessStore } from './pg-access-store';
import { cleanupsAfterEach } from '../../common/util/testing/cleanups';

/**
 * One contract for who may read a consultation and for the access log, both engines: the embedded
 * SQLite (an encrypted temp file) and a private PostgreSQL (server/testing/postgres-instance.ts).
 * "Two nodes" are two connections (SQLite) or two pools (PostgreSQL) on the same database.
 */
const postgres = await requirePostgres();
afterAll(() => (postgres.missing ? undefined : postgres.value.stop()));

interface Node {
  access: AccessStore;
  log: AccessLogStore;
  /** Raw SQL on the engine, as an operator with a database client would run it. */
  exec(sql: string): Promise<unknown>;
}
interface Engine {
  name: string;
  describe(title: string, body: () => void): void;
  /** A fresh database; each call of the returned function opens another node on it. */
  fresh(now: () => number): Promise<() => Promise<Node>>;
}

const cleanups = cleanupsAfterEach();

const sqlite: Engine = {
  name: 'SQLite',
  describe,
  async fresh(now) {
    const dir = mkdtempSync(join(tmpdir(), 'access-contract-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = { file: join(dir, 'records.sqlite'), key: randomBytes(32) };
    return async () => {
      const db = openRecordsDatabase(file);
      cleanups.push(() => db.close());
      return {
        access: sqliteAccessStore(new ConsultationAccess(db, now)),
        log: sqliteAccessLogStore(new AccessLog(db, now)),
        exec: async (sql) => db.exec(sql),
      };
    };
  },
};

const postgresql: Engine = {
  name: 'PostgreSQL',
  describe: postgres.describe,
  async fresh(now) {
    const url = await postgres.value.createDatabase();
    const key = randomBytes(32);
    return async () => {
      const repo = await PgRecordsRepository.open({ url, key });
      cleanups.push(() => repo.close());
      const { pool } = repo.connection();
      return { access: new PgAccessStore(pool, now), log: new PgAccessLog(pool, now), exec: (sql) => pool.query(sql) };
    };
  },
};

const at = (consultationId: string, doctorId: string, sessionId: string, ms: number) => ({
  consultationId,
  doctorId,
  sessionId,
  kioskId: 'kiosk-one',
  at: ms,
});

function attempt(i: number, overrides: Partial<AccessAttempt> = {}): AccessAttempt {
  return {
    actor: { kind: 'doctor', id: i % 2 ? 'dr-a' : 'dr-b' },
    action: 'read',
    resource: 'fhir-export',
    resourceId: `s-${i}`,
    consultationId: `c-${i % 3}`,
    outcome: i % 2 ? 'allowed' : 'refused',
    reason: i % 2 ? null : 'not-a-participant',
    remoteAddress: '203.0.113.9',
    ...overrides,
  };
}

for (const engine of [sqlite, postgresql]) {
  engine.describe(`access stores contract (${engine.name})`, () => {
    it('lets read only the doctors who took part or were shared the consultation', async () => {
      let clock = 1_000;
      const { access } = await (await engine.fresh(() => clock))();
      await access.recordParticipation(at('c-1', 'dr-a', 's-1', 10));
      await access.recordParticipation(at('c-1', 'dr-a', 's-1', 99)); // a replay changes nothing
      await access.recordParticipation(at('c-2', 'dr-c', 's-1', 20)); // a second call of the same session
      expect(await access.tookPart('dr-a', 'c-1')).toBe(true);
      expect(await access.tookPart('dr-b', 'c-1')).toBe(false);
      expect(await access.decide('dr-a', { consultationId: 'c-1' })).toEqual({
        allowed: true,
        consultationId: 'c-1',
        via: 'participant',
      });
      expect(await access.decide('dr-b', { consultationId: 'c-1' })).toEqual({
        allowed: false,
        consultationId: 'c-1',
        reason: 'not-a-participant',
      });
      expect(await access.decide('dr-b', { consultationId: 'c-unknown' })).toMatchObject({
        allowed: false,
        consultationId: null,
      });
      // By session: the first consultation this doctor may read, else the session's first.
      expect(await access.decide('dr-c', { sessionId: 's-1' })).toMatchObject({ allowed: true, consultationId: 'c-2' });
      expect(await access.decide('dr-b', { sessionId: 's-1' })).toMatchObject({
        allowed: false,
        consultationId: 'c-1',
      });
      expect(await access.consultationOfSession('s-1')).toBe('c-1');
      expect(await access.sessionOf('c-2')).toBe('s-1');
      expect(await access.sessionOf('c-unknown')).toBeNull();

      const first = await access.share('c-1', 'dr-b', 'dr-a');
      clock = 2_000;
      expect(await access.share('c-1', 'dr-b', 'dr-c')).toEqual(first);
      expect(first).toEqual({ consultationId: 'c-1', doctorId: 'dr-b', sharedBy: 'dr-a', sharedAt: 1_000 });
      expect(await access.decide('dr-b', { consultationId: 'c-1' })).toMatchObject({ allowed: true, via: 'share' });
      expect(await access.decide('dr-b', { sessionId: 's-1' })).toMatchObject({ allowed: true, via: 'share' });
      // A share is not a part taken: B may not pass it on.
      expect(await access.tookPart('dr-b', 'c-1')).toBe(false);
    });

    it('chains the access log, answers queries by doctor, consultation and time, and verifies', async () => {
      let clock = 0;
      const { log } = await (await engine.fresh(() => (clock += 1_000)))();
      for (let i = 1; i <= 6; i++) await log.append(attempt(i));
      const all = await log.query();
      expect(all.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(all[0]).toMatchObject({ ...attempt(1), at: 1_000, prevHash: '0'.repeat(64) });
      expect(all[1]!.prevHash).toBe(all[0]!.hash);
      expect((await log.query({ doctorId: 'dr-a' })).map((e) => e.seq)).toEqual([1, 3, 5]);
      expect((await log.query({ consultationId: 'c-0' })).map((e) => e.seq)).toEqual([3, 6]);
      expect((await log.query({ since: 2_000, until: 4_000 })).map((e) => e.seq)).toEqual([2, 3]);
      expect(await log.verify()).toEqual({ ok: true, entries: 6, head: { seq: 6, hash: all[5]!.hash } });
    });

    it('refuses to change or remove an entry, whoever asks', async () => {
      const { log, exec } = await (await engine.fresh(Date.now))();
      await log.append(attempt(1));
      await log.append(attempt(2));
      await expect(exec("UPDATE access_log SET remote_address = '192.0.2.1' WHERE seq = 1")).rejects.toThrow(
        /append-only/,
      );
      await expect(exec('DELETE FROM access_log WHERE seq = 2')).rejects.toThrow(/append-only/);
      if (engine === postgresql) {
        await expect(exec('TRUNCATE access_log')).rejects.toThrow(/append-only/);
        // The head that catches entries cut off the end cannot be wound back either.
        await expect(exec('UPDATE access_log_head SET seq = 1')).rejects.toThrow(/forward only/);
      }
      const entries = await log.query();
      expect(entries.map((e) => [e.seq, e.remoteAddress])).toEqual([
        [1, '203.0.113.9'],
        [2, '203.0.113.9'],
      ]);
      expect(await log.verify()).toMatchObject({ ok: true, entries: 2 });
    });

    it('chains appends from two nodes at once without a fork or a gap', async () => {
      const open = await engine.fresh(Date.now);
      const [a, b] = [await open(), await open()];
      const writes = Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).log.append(attempt(i + 1)));
      const entries = await Promise.all(writes);
      expect(new Set(entries.map((e) => e.seq)).size).toBe(40);
      const stored = await a.log.query();
      expect(stored.map((e) => e.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      expect(await b.log.verify()).toMatchObject({ ok: true, entries: 40 });
    });
  });
}
