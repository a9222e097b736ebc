import type Database from 'better-sqlite3-multiple-ciphers';
import { migrate, type SchemaMigration } from '../../../common/storage/schema-migrations';
import { migration0001 } from './0001-records';
import { migration0002 } from './0002-prescription-counter';
import { migration0003 } from './0003-export-tokens';
import { migration0004 } from './0004-kiosk-credential-revocations';
import { migration0005 } from './0005-reports-prescriptions';
import { migration0006 } from './0006-consultation-access';
import { migration0007 } from './0007-access-log';
import { migration0008 } from './0008-calibrations';
import { migration0009 } from './0009-auscultation-clips';
import { migration0010 } from './0010-exam-stills';
import { migration0011 } from './0011-technician-accounts';
import { migration0012 } from './0012-billing-entries';
import { migration0013 } from './0013-billing-specialist-fee';
import { migration0014 } from './0014-appointments';
import { migration0015 } from './0015-identity-vigilance';
import { migration0016 } from './0016-queue';
import { migration0017 } from './0017-identity-checks';
import { migration0018 } from './0018-deliveries-consent-withdrawals';
import { migration0019 } from './0019-staff-accounts';
import { migration0020 } from './0020-staff-sessions';
import { migration0021 } from './0021-pharmacy-directory';
import { migration0022 } from './0022-kiosk-heartbeats';

export type RecordsMigration = SchemaMigration<Database.Database>;

/** Every migration of the platform's records database in order; append new ones, never edit a shipped one. */
export const RECORDS_MIGRATIONS: readonly RecordsMigration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
  migration0009,
  migration0010,
  migration0011,
  migration0012,
  migration0013,
  migration0014,
  migration0015,
  migration0016,
  migration0017,
  migration0018,
  migration0019,
  migration0020,
  migration0021,
  migration0022,
];

/** Brings the records database to `target` (default: the latest); see the shared runner. */
export function migrateRecords(
  db: Database.Database,
  migrations: readonly RecordsMigration[] = RECORDS_MIGRATIONS,
  target = migrations.length,
): number {
  // Under SQLite's write lock: two processes opening a fresh file at once (the records service and
  // the prescription counter, or two platform nodes) must not both create the tables.
  return db.transaction(() => migrate(db, migrations, 'this platform software', target)).immediate();
}
