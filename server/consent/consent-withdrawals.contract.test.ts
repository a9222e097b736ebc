import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { consentResource } from '../../common/fhir/consent';
import { SAMPLE_CONSENT } from '../../common/records/testing/samples';
import { runAdmin } from '../admin';
import { PgRecordsRepository } from '../records/pg-records-repository';
import { recordsDatabaseFile } from '../records/records-database';
import type { RecordsRepository } from '../records/records-repository';
import { SqliteRecordsRepository } from '../records/sqlite-records-repository';
import { consentsOf, withdrawalsBeside } from '../records/records-service';
import { requirePostgres } from '../testing/postgres-instance';
import { withWithdrawals } from './consent-withdrawals';

/**
 * The consents' withdrawals through the admin command and read back as the export reads them, on
 * both engines: the embedded SQLite and a private PostgreSQL (PLATFORM_DATABASE_URL), where the
 * withdrawal lives beside the consents so every node's export gives it.
 */
const postgres = await requirePostgres();
afterAll(() => (postgres.missing ? undefined : postgres.value.stop()));
const engines = [
  { name: 'SQLite', describe, url: async (): Promise<string | null> => null },
  {
    name: 'PostgreSQL',
    describe: postgres.describe,
    url: (): Promise<string | null> => postgres.value.createDatabase(),
  },
];

const uses = [
  { use: 'research' as const, granted: false, textVersion: '2026-12-fr.1', textSha256: 'a'.repeat(64) },
  { use: 'gp-report' as const, granted: true, textVersion: '2026-12-fr.1', textSha256: 'b'.repeat(64) },
  { use: 'reminders' as const, granted: true, textVersion: '2026-12-fr.1', textSha256: 'c'.repeat(64) },
];

/** A platform data folder whose encrypted records hold one session's consent answer, per use. */
async function platformWithConsent(url: string | null) {
  const dir = join(mkdtempSync(join(tmpdir(), 'consent-admin-')), 'data');
  mkdirSync(dir, { mode: 0o700 });
  const key = randomBytes(32);
  const database = recordsDatabaseFile(dir, key);
  const open = async (): Promise<RecordsRepository> =>
    url ? PgRecordsRepository.open({ url, key }) : new SqliteRecordsRepository(database);
  const repository = await open();
  const at = '2026-12-06T09:00:00.000Z';
  await repository.storeBatch('kiosk-1', [
    { id: 'i1', sessionId: 's-1', kind: 'session-opened', payload: { kioskId: 'kiosk-1', startedAt: at } },
    {
      id: 'i2',
      sessionId: 's-1',
      kind: 'consent',
      payload: { ...SAMPLE_CONSENT, at, language: 'fr', textSha256: 'd'.repeat(64), uses },
    },
  ]);
  await repository.close();
  const env = { PLATFORM_DATA_KEY: key.toString('base64'), ...(url && { PLATFORM_DATABASE_URL: url }) };
  return { dir, env, database, open };
}

for (const engine of engines)
  engine.describe(`consent withdrawals contract (${engine.name})`, () => {
    it('withdraws a granted use at the patient request, dated; the export gives it inactive; a refusal or a second withdrawal is refused', async () => {
      const { dir, env, database, open } = await platformWithConsent(await engine.url());
      const args = (...rest: string[]) => ['consent', ...rest, '--session', 's-1', '--data-dir', dir];
      expect(await runAdmin(args('show'), env)).toMatch(/gp-report\tgranted/);
      expect(await runAdmin(args('withdraw', '--use', 'gp-report'), env)).toMatch(
        /^withdrawn: gp-report\twithdrawn 20\d\d-/,
      );
      await expect(runAdmin(args('withdraw', '--use', 'gp-report'), env)).rejects.toThrow(/already withdrawn/);
      await expect(runAdmin(args('withdraw', '--use', 'research'), env)).rejects.toThrow(/did not give that consent/);
      await expect(runAdmin(args('withdraw', '--use', 'teleconsultation'), env)).rejects.toThrow(
        /--use: expected one of/,
      );
      await expect(runAdmin(['consent', 'show', '--session', 'nobody', '--data-dir', dir], env)).rejects.toThrow(
        /no consent recorded/,
      );

      const repository = await open();
      const withdrawals = withdrawalsBeside(repository, database);
      const current = withWithdrawals(await consentsOf(repository, 's-1'), await withdrawals.of('s-1'));
      expect(await withdrawals.of('s-1')).toEqual([expect.objectContaining({ use: 'gp-report', recordedBy: 'admin' })]);
      const fhir = current.map((r) => consentResource('s-1', r, { reference: 'urn:uuid:p' }));
      expect(fhir.map((c) => [c.scope.text, c.status])).toEqual([
        ['teleconsultation', 'active'],
        ['research', 'active'],
        ['gp-report', 'inactive'],
        ['reminders', 'active'],
      ]);
      expect(fhir[2]!.provision.period?.end).toBe((await withdrawals.of('s-1'))[0]!.withdrawnAt);
      withdrawals.close();
      await repository.close();
    });
  });
