import { migrate as runMigrations, schemaVersion } from '../../../common/storage/schema-migrations';
import type { SqliteDatabase } from '../open-database';
import { migration0001 } from './0001-sessions';
import { migration0002 } from './0002-measurements-outbox';
import { migration0003 } from './0003-device-register';
import { migration0004 } from './0004-audit-log';
import { migration0005 } from './0005-measurement-model-names';
import { migration0006 } from './0006-calibration-records';
import { migration0007 } from './0007-technician-accounts';
import { migration0008 } from './0008-identity-traits';
import type { Migration } from './migration';

/** Every migration in order; append new ones, never edit a shipped one. */
export const MIGRATIONS: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
];

export { schemaVersion };

/** Brings the store to `target` (default: the latest), one transaction per step (see the shared runner). */
export function migrate(db: SqliteDatabase, migrations: readonly Migration[] = MIGRATIONS, target = migrations.length) {
  return runMigrations(db, migrations, 'this kiosk software', target);
}
