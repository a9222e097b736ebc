import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runAdmin } from '../admin';
import { PgRecordsRepository } from '../records/pg-records-repository';
import { careEngines, type CareDatabase } from '../testing/care-store-engines';
import { requirePostgres } from '../testing/postgres-instance';
import { PgTechnicianAccounts } from './technician-accounts';
import { cleanupsAfterEach } from '../../common/util/testing/cleanups';

/**
 * One contract for the field technicians' accounts, both engines: the records database (SQLite) and
 * a private PostgreSQL. "Another node" is another connection (SQLite) or another pool (PostgreSQL).
 */
const postgres = await requirePostgres();
afterAll(() => (postgres.missing ? undefined : postgres.value.stop()));

const cleanups = cleanupsAfterEach();

/** Both engines as the platform opens them (withPgStores puts the technicians on PostgreSQL). */
const engines = careEngines(postgres, cleanups);
const technicians = async (database: CareDatabase) => (await database.open()).stores.technicians;

const SECRET = 'k7pm-x2qa-9rtw';

for (const engine of engines) {
  engine.describe(`technician accounts contract (${engine.name})`, () => {
    it('keeps a hash only, hands out the active accounts by identifier, and revokes once', async () => {
      const database = await engine.fresh();
      const accounts = await technicians(database);
      expect(await accounts.upsert({ id: 'Tech.Martin', name: ' Léa Martin ', secret: SECRET })).toEqual({
        id: 'tech.martin',
        name: 'Léa Martin',
      });
      await accounts.upsert({ id: 'tech.durand', name: 'Paul Durand', secret: 'durand-secret-1' });
      expect(await accounts.has('tech.martin')).toBe(true);
      expect(await accounts.has('tech.nobody')).toBe(false);
      const active = await accounts.active();
      expect(active.map((a) => a.id)).toEqual(['tech.durand', 'tech.martin']);
      expect(active[1]!.secretHash).toMatch(/^scrypt\$/);
      // At rest on PostgreSQL (the SQLite file is encrypted whole): no secret in clear.
      const dump = database.dump?.();
      if (dump) expect(dump.includes(Buffer.from(SECRET))).toBe(false);

      expect(await accounts.revoke(' TECH.MARTIN ')).toBe(true);
      expect(await accounts.revoke('tech.martin')).toBe(false);
      expect(await accounts.revoke('tech.nobody')).toBe(false);
      expect((await accounts.active()).map((a) => a.id)).toEqual(['tech.durand']);
      // A new secret lifts the revocation.
      await accounts.upsert({ id: 'tech.martin', name: 'Léa Martin', secret: 'new-secret-22' });
      expect((await accounts.active()).map((a) => a.id)).toEqual(['tech.durand', 'tech.martin']);
    });

    it('refuses a bad identifier, name or secret, naming it, and stores nothing', async () => {
      const accounts = await technicians(await engine.fresh());
      await expect(accounts.upsert({ id: 'x', name: 'A', secret: SECRET })).rejects.toThrow(/--id/);
      await expect(accounts.upsert({ id: 'tech.a', name: ' ', secret: SECRET })).rejects.toThrow(/--name/);
      await expect(accounts.upsert({ id: 'tech.a', name: 'A', secret: 'short' })).rejects.toThrow(/the secret/);
      await expect(accounts.upsert({ id: 'tech.a', name: 'A', secret: 'UPPER-CASE-1' })).rejects.toThrow(/lower-case/);
      expect(await accounts.active()).toEqual([]);
    });

    it('what one node saves or revokes, another hands out or drops', async () => {
      const database = await engine.fresh();
      const [a, b] = [await technicians(database), await technicians(database)];
      await a.upsert({ id: 'tech.martin', name: 'Léa Martin', secret: SECRET });
      expect((await b.active()).map((t) => t.id)).toEqual(['tech.martin']);
      expect(await b.revoke('tech.martin')).toBe(true);
      expect(await a.active()).toEqual([]);
    });
  });
}

postgres.describe('the admin command on PostgreSQL', () => {
  it('add-technician and revoke-technician write where every node reads (PLATFORM_DATABASE_URL)', async () => {
    const url = await postgres.value.createDatabase();
    const dataDir = join(mkdtempSync(join(tmpdir(), 'technicians-admin-pg-')), 'data');
    mkdirSync(dataDir, { mode: 0o700 });
    const key = randomBytes(32);
    const env = { PLATFORM_DATA_KEY: key.toString('base64'), PLATFORM_DATABASE_URL: url };
    const added = await runAdmin(
      ['add-technician', '--id', 'tech.martin', '--name', 'Léa Martin', '--data-dir', dataDir],
      { ...env, PLATFORM_TECHNICIAN_SECRET: SECRET },
    );
    expect(added).toMatch(/technician tech.martin \(Léa Martin\) saved/);
    const repo = await PgRecordsRepository.open({ url, key });
    cleanups.push(() => repo.close());
    const node = new PgTechnicianAccounts(repo.connection().pool);
    expect((await node.active()).map((t) => t.id)).toEqual(['tech.martin']);
    await runAdmin(['revoke-technician', 'tech.martin', '--data-dir', dataDir], env);
    expect(await node.active()).toEqual([]);
  });
});
