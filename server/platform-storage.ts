import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger } from '../common/util/logger';
import { openAuthStores } from './auth/open-auth-stores';
import { importPharmaciesJson } from './pharmacy/pharmacies-json-import';
import { openPlatformAuth } from './platform-auth';
import { openSharedAuthState } from './auth/shared-auth-state';
import { withPgStores } from './platform-pg-stores';
import { openPlatformStores, type PlatformStores } from './platform-stores';
import type { SignInLimits } from './auth/sign-in-throttle';
import { describeDatabaseUrl } from './records/pg-database';
import { PgRecordsRepository } from './records/pg-records-repository';
import { SqlitePrescriptionSequence } from './records/prescription-sequence';
import { recordsDatabaseFile, type RecordsDatabaseFile } from './records/records-database';
import { SqliteRecordsRepository } from './records/sqlite-records-repository';

const log = createLogger('platform');

export interface StorageOptions {
  /** Folder for the secret, doctor accounts and the records; null keeps everything in memory (tests). */
  dataDir: string | null;
  dataKey?: Buffer | null;
  /** The records on PostgreSQL (PLATFORM_DATABASE_URL); null or absent: SQLite in the data folder. */
  databaseUrl?: string | null;
  signInLimits?: SignInLimits;
  /** The cluster's Redis (PLATFORM_REDIS_URL): the sign-ins' shared state is there (shared-auth-state.ts). */
  redisUrl?: string | null;
}

/**
 * The data folder, the records database under its key with the stores beside it, the auth, and the
 * records repository and the queue's store: PostgreSQL when a database URL is given (its health columns sealed under the
 * same data key), else the embedded SQLite. An unreachable PostgreSQL or a wrong key rejects here,
 * before anything listens. The access stores follow the records onto PostgreSQL
 * (platform-pg-stores.ts), and the accounts, sessions and kiosk revocations too (open-auth-stores.ts),
 * the care stores (platform-pg-care-stores.ts), the technicians' accounts and the fleet (fleet-stores.ts,
 * an earlier pharmacies.json imported here once).
 */
export async function openStorage(options: StorageOptions) {
  const { dataDir } = options;
  if (dataDir) mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const database = recordsDatabaseFile(dataDir, options.dataKey ?? null);
  const pg = await openRecordsRepository(options, database.key);
  const stores = withPgStores(openPlatformStores(database), pg);
  if (pg && dataDir) await carryPrescriptionCounter(stores, database, dataDir);
  // Before anything listens: a damaged pharmacies.json stops the start naming it.
  await importPharmaciesJson(dataDir, stores.pharmacies);
  const authStores = await openAuthStores(dataDir, database, pg?.connection().pool ?? null);
  const shared = await openSharedAuthState(options.redisUrl);
  const auth = openPlatformAuth(dataDir, authStores, options.signInLimits, shared);
  const repository = pg ?? new SqliteRecordsRepository(database);
  return { database, stores, auth, repository, queue: pg?.queueStore() ?? stores.queue };
}

/**
 * A platform that numbered prescriptions on SQLite before it moved to PostgreSQL: PostgreSQL's
 * counter starts above the last number this node's file (or its older plain-text counter) gave, so
 * no number is given twice. Every node does it at start; the highest floor wins.
 */
async function carryPrescriptionCounter(stores: PlatformStores, database: RecordsDatabaseFile, dataDir: string) {
  const local = new SqlitePrescriptionSequence(database, join(dataDir, 'prescription-sequence'));
  const floor = local.current();
  local.close();
  if (floor === 0) return;
  await stores.prescriptionSequence?.raiseTo(floor);
  log.info(`prescription numbers on PostgreSQL continue above ${floor}, the last one given on SQLite here`);
}

async function openRecordsRepository(options: StorageOptions, key: Buffer | null): Promise<PgRecordsRepository | null> {
  if (!options.databaseUrl) return null;
  // Without a data folder (tests) the PostgreSQL columns still need a key: the caller's, required.
  if (!key && !options.dataKey) throw new Error('the PostgreSQL records need the platform data key');
  const repository = await PgRecordsRepository.open({ url: options.databaseUrl, key: (key ?? options.dataKey)! });
  log.info(`records on PostgreSQL at ${describeDatabaseUrl(options.databaseUrl)}`);
  return repository;
}
