import type pg from 'pg';
import { PgRecordsRepository } from '../records/pg-records-repository';
import { databaseUrlFrom, DATABASE_URL_ENV } from '../records/pg-database';
import type { RecordsDatabaseFile } from '../records/records-database';
import type { AuthStores } from './auth-stores';
import { importJsonAccounts } from './json-account-import';
import { pgAuthStores } from './pg-auth-stores';
import { openSqliteAuthStores } from './sqlite-auth-stores';

/**
 * The auth's stores where the records are: on the records' PostgreSQL pool when there is one (every
 * node reads the same accounts, sessions and revocations), else in the records' SQLite file. An
 * earlier platform's doctors.json and pharmacists.json in `dataDir` are imported first, once.
 */
export async function openAuthStores(
  dataDir: string | null,
  database: RecordsDatabaseFile,
  pool: pg.Pool | null,
): Promise<AuthStores> {
  const stores = pool ? pgAuthStores(pool) : openSqliteAuthStores(database);
  try {
    if (dataDir) await importJsonAccounts(dataDir, stores);
  } catch (error) {
    await stores.close();
    throw error;
  }
  return stores;
}

/**
 * The admin command's: the same store the platform reads (PLATFORM_DATABASE_URL as the platform
 * reads it, else the records' SQLite file), so an account or a revocation written here counts at
 * once on every running node. `close` ends the connection.
 */
export async function openAdminAuthStores(
  dataDir: string,
  database: RecordsDatabaseFile,
  env: NodeJS.ProcessEnv,
): Promise<AuthStores> {
  const url = databaseUrlFrom(env[DATABASE_URL_ENV]);
  if (!url) return openAuthStores(dataDir, database, null);
  if (!database.key) throw new Error('the PostgreSQL store needs the platform data key');
  const repository = await PgRecordsRepository.open({ url, key: database.key });
  const stores = await openAuthStores(dataDir, database, repository.connection().pool).catch(async (error) => {
    await repository.close();
    throw error;
  });
  return { ...stores, close: () => repository.close() };
}
