import { parseArgs } from 'node:util';
import { BillingEntries, type BillingStore } from './billing/billing-entries';
import { billingCsv } from './billing/billing-csv';
import { PgBillingEntries } from './billing/pg-billing-entries';
import { platformDataDir } from './platform-data-dir';
import { platformDataKey } from './platform-data-key';
import { openAdminDirectory } from './pharmacy/admin-directory';
import { databaseUrlFrom, DATABASE_URL_ENV } from './records/pg-database';
import { PgRecordsRepository } from './records/pg-records-repository';
import { openRecordsDatabase, recordsDatabaseFile, type RecordsDatabaseFile } from './records/records-database';

export const BILLING_USAGE = 'billing csv --month YYYY-MM [--pharmacy ID]';

/**
 * The assisted teleconsultations to bill, from the platform's records (issue 18 item 8):
 *   billing csv --month 2026-12 [--pharmacy ID]: the month's CSV (`;`, UTF-8 with BOM, for a
 *     French spreadsheet), of every pharmacy or of one. It holds NIRs: redirect it to a file only
 *     the pharmacy's billing may read.
 */
export async function runBillingAdmin(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'data-dir': { type: 'string' }, month: { type: 'string' }, pharmacy: { type: 'string' } },
  });
  if (positionals[0] !== 'csv' || !values.month) throw new Error(`usage: ${BILLING_USAGE}`);
  const dataDir = platformDataDir(values['data-dir'], env);
  const database = recordsDatabaseFile(dataDir, platformDataKey({ dataDir, env, development: true }).key);
  const { directory, close } = await openAdminDirectory(dataDir, database, env);
  await close();
  const pharmacyId = values.pharmacy ?? null;
  if (pharmacyId !== null && !directory.pharmacy(pharmacyId))
    throw new Error(`billing csv: no pharmacy ${pharmacyId} (the pharmacies are added with add-pharmacy)`);
  const billing = await openBilling(database, env);
  try {
    const entries = await billing.store.forMonth(values.month, pharmacyId);
    return billingCsv(entries, (id) => directory.pharmacy(id)?.name ?? id);
  } finally {
    await billing.close();
  }
}

/** The billing rows where the platform writes them: PostgreSQL with PLATFORM_DATABASE_URL, else the records file. */
async function openBilling(database: RecordsDatabaseFile, env: NodeJS.ProcessEnv) {
  const url = databaseUrlFrom(env[DATABASE_URL_ENV]);
  if (url) {
    if (!database.key) throw new Error('the PostgreSQL billing rows need the platform data key');
    const pg = await PgRecordsRepository.open({ url, key: database.key });
    const { pool, cipher } = pg.connection();
    return { store: new PgBillingEntries(pool, cipher) as BillingStore, close: () => pg.close() };
  }
  const db = openRecordsDatabase(database);
  return { store: new BillingEntries(db) as BillingStore, close: async () => void db.close() };
}
