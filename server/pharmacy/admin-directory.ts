import { databaseUrlFrom, DATABASE_URL_ENV } from '../records/pg-database';
import { PgRecordsRepository } from '../records/pg-records-repository';
import { openRecordsDatabase, type RecordsDatabaseFile } from '../records/records-database';
import { importPharmaciesJson } from './pharmacies-json-import';
import { PharmacyDirectory } from './pharmacy-directory';
import { PgPharmacyStore } from './pg-pharmacy-store';
import { SqlitePharmacyStore, type PharmacyStore } from './pharmacy-store';

/**
 * The admin commands' pharmacy directory: the store the platform reads (PostgreSQL with
 * PLATFORM_DATABASE_URL, as the platform reads it, else the records' SQLite file), so a pharmacy or
 * a kiosk saved here shows on every running node within its poll (DIRECTORY_POLL_MS). An earlier
 * platform's pharmacies.json in the data folder is imported first, once, as the platform does.
 */
export async function openAdminDirectory(
  dataDir: string,
  database: RecordsDatabaseFile,
  env: NodeJS.ProcessEnv,
): Promise<{ directory: PharmacyDirectory; close(): Promise<void> }> {
  const url = databaseUrlFrom(env[DATABASE_URL_ENV]);
  let store: PharmacyStore;
  let close: () => Promise<void>;
  if (url) {
    if (!database.key) throw new Error('the PostgreSQL pharmacy directory needs the platform data key');
    const pg = await PgRecordsRepository.open({ url, key: database.key });
    store = new PgPharmacyStore(pg.connection().pool);
    close = () => pg.close();
  } else {
    const db = openRecordsDatabase(database);
    store = new SqlitePharmacyStore(db);
    close = async () => void db.close();
  }
  try {
    await importPharmaciesJson(dataDir, store);
    const directory = new PharmacyDirectory(store);
    await directory.refresh();
    return { directory, close };
  } catch (error) {
    await close();
    throw error;
  }
}
