import { parseArgs } from 'node:util';
import { SecondaryUse } from '../../common/consent/consent-record';
import { platformDataDir } from '../platform-data-dir';
import { platformDataKey } from '../platform-data-key';
import { consentsOf, withdrawalsBeside } from '../records/records-service';
import { DATABASE_URL_ENV, databaseUrlFrom } from '../records/pg-database';
import { PgRecordsRepository } from '../records/pg-records-repository';
import { recordsDatabaseFile } from '../records/records-database';
import type { RecordsRepository } from '../records/records-repository';
import { SqliteRecordsRepository } from '../records/sqlite-records-repository';
import { withWithdrawals } from './consent-withdrawals';

export const CONSENT_USAGE = `consent show --session ID | consent withdraw --session ID --use ${SecondaryUse.options.join('|')}`;

const REFUSALS = {
  'no-consent': 'this session recorded no answer for that use',
  'not-granted': 'the patient did not give that consent: there is nothing to withdraw',
  'already-withdrawn': 'that consent was already withdrawn',
} as const;

/**
 * A patient's consents per use, at their request (issue 21 item 5):
 *   consent show --session ID: each use, granted or not, and withdrawn when;
 *   consent withdraw --session ID --use U: withdraws a consent the patient gave, dated now; the
 *     FHIR export gives it as inactive from then. A refused or already withdrawn one is refused.
 */
export async function runConsentAdmin(args: string[], env: NodeJS.ProcessEnv, now = new Date()): Promise<string> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'data-dir': { type: 'string' }, session: { type: 'string' }, use: { type: 'string' } },
  });
  const command = positionals[0];
  if ((command !== 'show' && command !== 'withdraw') || !values.session) throw new Error(`usage: ${CONSENT_USAGE}`);
  const use = command === 'withdraw' ? SecondaryUse.safeParse(values.use) : null;
  if (use && !use.success)
    throw new Error(`consent withdraw --use: expected one of ${SecondaryUse.options.join(', ')}`);
  const dataDir = platformDataDir(values['data-dir'], env);
  const database = recordsDatabaseFile(dataDir, platformDataKey({ dataDir, env, development: true }).key);
  const url = databaseUrlFrom(env[DATABASE_URL_ENV]);
  const repository: RecordsRepository = url
    ? await PgRecordsRepository.open({ url, key: database.key! })
    : new SqliteRecordsRepository(database);
  const withdrawals = withdrawalsBeside(repository, database);
  try {
    const sessionId = values.session;
    const current = withWithdrawals(await consentsOf(repository, sessionId), await withdrawals.of(sessionId));
    if (current.length === 0) throw new Error(`consent: no consent recorded for session ${sessionId}`);
    if (!use) return current.map(describe).join('\n');
    const done = await withdrawals.withdraw(sessionId, use.data, current, { kind: 'admin' }, now.toISOString());
    if (!done.ok) throw new Error(`consent withdraw: ${REFUSALS[done.reason]}`);
    return `withdrawn: ${describe(done.record)}`;
  } finally {
    withdrawals.close();
    await repository.close();
  }
}

function describe(r: {
  use: string;
  granted: boolean;
  textVersion: string;
  language: string;
  withdrawnAt: string | null;
}) {
  const state = !r.granted ? 'refused' : r.withdrawnAt ? `withdrawn ${r.withdrawnAt}` : 'granted';
  return `${r.use}\t${state}\t(text ${r.textVersion}, ${r.language})`;
}
