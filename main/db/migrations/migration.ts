import type { SchemaMigration } from '../../../common/storage/schema-migrations';
import type { SqliteDatabase } from '../open-database';

/** One numbered step of the kiosk store's schema. */
export type Migration = SchemaMigration<SqliteDatabase>;
