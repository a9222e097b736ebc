import { IN_MEMORY_RECORDS } from '../../records/records-database';
import type { AuthStores } from '../auth-stores';
import { openSqliteAuthStores } from '../sqlite-auth-stores';

/** The auth's stores on an in-memory SQLite database of their own (the real engine; nothing at rest). */
export function memoryAuthStores(now?: () => number): AuthStores {
  return openSqliteAuthStores(IN_MEMORY_RECORDS, now);
}
