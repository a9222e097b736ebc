import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { billingCsv } from './billing/billing-csv';
import { openPlatformStores } from './platform-stores';
import { platformDataDir } from './platform-data-dir';
import { platformDataKey } from './platform-data-key';
import { PharmacyDirectory } from './pharmacy/pharmacy-directory';
import { recordsDatabaseFile } from './records/records-database';

export const BILLING_USAGE = 'billing csv --month YYYY-MM [--pharmacy ID]';

/**
 * The assisted teleconsultations to bill, from the platform's records (issue 18 item 8):
 *   billing csv --month 2026-12 [--pharmacy ID]: the month's CSV (`;`, UTF-8 with BOM, for a
 *     French spreadsheet), of every pharmacy or of one. It holds NIRs: redirect it to a file only
 *     the pharmacy's billing may read.
 */
export function runBillingAdmin(args: string[], env: NodeJS.ProcessEnv): string {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'data-dir': { type: 'string' }, month: { type: 'string' }, pharmacy: { type: 'string' } },
  });
  if (positionals[0] !== 'csv' || !values.month) throw new Error(`usage: ${BILLING_USAGE}`);
  const dataDir = platformDataDir(values['data-dir'], env);
  const directory = new PharmacyDirectory(dataDir ? join(dataDir, 'pharmacies.json') : null);
  const pharmacyId = values.pharmacy ?? null;
  if (pharmacyId !== null && !directory.pharmacy(pharmacyId))
    throw new Error(`billing csv: no pharmacy ${pharmacyId} (the pharmacies are added with add-pharmacy)`);
  const stores = openPlatformStores(
    recordsDatabaseFile(dataDir, platformDataKey({ dataDir, env, development: true }).key),
  );
  try {
    const entries = stores.billing.forMonth(values.month, pharmacyId);
    return billingCsv(entries, (id) => directory.pharmacy(id)?.name ?? id);
  } finally {
    stores.close();
  }
}
