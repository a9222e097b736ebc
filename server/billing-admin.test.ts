import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAdmin } from './admin';
import type { BillingEntry } from './billing/billing-entry';
import { PgBillingEntries } from './billing/pg-billing-entries';
import { openPlatformStores } from './platform-stores';
import { PgRecordsRepository } from './records/pg-records-repository';
import { recordsDatabaseFile } from './records/records-database';
import { requirePostgres } from './testing/postgres-instance';

const postgres = await requirePostgres();
afterAll(() => (postgres.missing ? undefined : postgres.value.stop()));

const entry = (consultationId: string, pharmacyId: string, endedAt: string): BillingEntry => ({
  consultationId,
  endedAt,
  day: endedAt.slice(0, 10),
  pharmacyId,
  kioskId: `${pharmacyId}-cabine`,
  doctorRpps: '10000000001',
  nir: '190017512345678',
  actCode: 'TLM',
  amountCents: 100,
  teleconsultationAct: 'TCG',
  teleconsultationFeeCents: 3000,
  coverage: 'non transmise',
});

/** A platform data folder (encrypted records, pharmacies added by the admin command) holding rows. */
async function platformWith(entries: BillingEntry[]) {
  const dir = join(mkdtempSync(join(tmpdir(), 'billing-admin-')), 'data');
  mkdirSync(dir, { mode: 0o700 });
  const key = randomBytes(32);
  const env = { PLATFORM_DATA_KEY: key.toString('base64') };
  await runAdmin(['add-pharmacy', 'pharmacie-a', '--name', 'Pharmacie "du Centre"; Lyon', '--data-dir', dir], env);
  await runAdmin(['add-pharmacy', 'pharmacie-b', '--name', 'Pharmacie B', '--data-dir', dir], env);
  const stores = openPlatformStores(recordsDatabaseFile(dir, key));
  for (const e of entries) await stores.billing.record(e);
  stores.close();
  return { dir, env };
}

describe('admin billing csv', () => {
  it("prints the month's CSV from the encrypted records, of all pharmacies or one", async () => {
    const { dir, env } = await platformWith([
      entry('c1', 'pharmacie-a', '2026-12-05T09:15:00.000Z'),
      entry('c2', 'pharmacie-b', '2026-12-06T10:00:00.000Z'),
      entry('c3', 'pharmacie-a', '2026-11-20T10:00:00.000Z'),
    ]);
    const all = await runAdmin(['billing', 'csv', '--month', '2026-12', '--data-dir', dir], env);
    expect(all.startsWith('\uFEFFDate;Heure;Pharmacie;Kiosque;RPPS prescripteur;NIR;')).toBe(true);
    const lines = all.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe(
      '2026-12-05;10:15;"Pharmacie ""du Centre""; Lyon";pharmacie-a-cabine;10000000001;190017512345678;' +
        'non transmise;TCG;30,00;TLM;1,00;c1',
    );
    const one = await runAdmin(
      ['billing', 'csv', '--month', '2026-12', '--pharmacy', 'pharmacie-b', '--data-dir', dir],
      env,
    );
    expect(
      one
        .trimEnd()
        .split('\r\n')
        .slice(1)
        .map((l) => l.split(';').at(-1)),
    ).toEqual(['c2']);
  });

  it('names what is wrong: a bad month, an unknown pharmacy, a missing --month, a wrong key', async () => {
    const { dir, env } = await platformWith([]);
    const run = (...args: string[]) => runAdmin(['billing', ...args, '--data-dir', dir], env);
    await expect(run('csv', '--month', '2026-13')).rejects.toThrow(/expected YYYY-MM/);
    await expect(run('csv', '--month', '2026-12', '--pharmacy', 'nope')).rejects.toThrow(/no pharmacy nope/);
    await expect(run('csv')).rejects.toThrow(/usage: billing csv --month/);
    const wrongKey = { PLATFORM_DATA_KEY: randomBytes(32).toString('base64') };
    await expect(runAdmin(['billing', 'csv', '--month', '2026-12', '--data-dir', dir], wrongKey)).rejects.toThrow(
      /records\.sqlite/,
    );
    expect(await run('csv', '--month', '2026-12')).toBe(
      '\uFEFFDate;Heure;Pharmacie;Kiosque;RPPS prescripteur;NIR;Couverture;Acte téléconsultation;Tarif téléconsultation (€);Code acte;Montant (€);Consultation\r\n',
    );
  });
});

postgres.describe('admin billing csv with PLATFORM_DATABASE_URL', () => {
  it("reads the rows every node wrote to PostgreSQL, not the data folder's file", async () => {
    const { dir, env } = await platformWith([entry('in-sqlite', 'pharmacie-a', '2026-12-05T09:15:00.000Z')]);
    const url = await postgres.value.createDatabase();
    const pg = await PgRecordsRepository.open({ url, key: Buffer.from(env.PLATFORM_DATA_KEY, 'base64') });
    const { pool, cipher } = pg.connection();
    await new PgBillingEntries(pool, cipher).record(entry('in-postgres', 'pharmacie-b', '2026-12-06T10:00:00.000Z'));
    await pg.close();
    const csv = await runAdmin(['billing', 'csv', '--month', '2026-12', '--data-dir', dir], {
      ...env,
      PLATFORM_DATABASE_URL: url,
    });
    const ids = csv
      .trimEnd()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(';').at(-1));
    expect(ids).toEqual(['in-postgres']);
    expect(csv).toContain('190017512345678');
  });
});
