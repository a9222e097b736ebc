import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { consentResource } from '../../common/fhir/consent';
import { SAMPLE_CONSENT } from '../../common/records/testing/samples';
import { runAdmin } from '../admin';
import { recordsDatabaseFile } from '../records/records-database';
import { SqliteRecordsRepository } from '../records/sqlite-records-repository';
import { consentsOf } from '../records/records-service';
import { ConsentWithdrawals, withWithdrawals } from './consent-withdrawals';

const uses = [
  { use: 'research' as const, granted: false, textVersion: '2026-12-fr.1', textSha256: 'a'.repeat(64) },
  { use: 'gp-report' as const, granted: true, textVersion: '2026-12-fr.1', textSha256: 'b'.repeat(64) },
  { use: 'reminders' as const, granted: true, textVersion: '2026-12-fr.1', textSha256: 'c'.repeat(64) },
];

/** A platform data folder whose encrypted records hold one session's consent answer, per use. */
async function platformWithConsent() {
  const dir = join(mkdtempSync(join(tmpdir(), 'consent-admin-')), 'data');
  mkdirSync(dir, { mode: 0o700 });
  const key = randomBytes(32);
  const database = recordsDatabaseFile(dir, key);
  const repository = new SqliteRecordsRepository(database);
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
  return { dir, env: { PLATFORM_DATA_KEY: key.toString('base64') }, database };
}

describe('admin consent', () => {
  it('withdraws a granted use at the patient request, dated; the export gives it inactive; a refusal or a second withdrawal is refused', async () => {
    const { dir, env, database } = await platformWithConsent();
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

    const repository = new SqliteRecordsRepository(database);
    const withdrawals = new ConsentWithdrawals(database);
    const current = withWithdrawals(await consentsOf(repository, 's-1'), withdrawals.of('s-1'));
    expect(withdrawals.of('s-1')).toEqual([expect.objectContaining({ use: 'gp-report', recordedBy: 'admin' })]);
    const fhir = current.map((r) => consentResource('s-1', r, { reference: 'urn:uuid:p' }));
    expect(fhir.map((c) => [c.scope.text, c.status])).toEqual([
      ['teleconsultation', 'active'],
      ['research', 'active'],
      ['gp-report', 'inactive'],
      ['reminders', 'active'],
    ]);
    expect(fhir[2]!.provision.period?.end).toBe(withdrawals.of('s-1')[0]!.withdrawnAt);
    withdrawals.close();
    await repository.close();
  });
});
