import type { RecordsMigration } from './index';

/**
 * PLACEHOLDER on branch h17 only: version 13 is helper h18's migration, not on this branch yet, and
 * the runner needs versions in sequence to reach 0014 (appointments). The merge replaces this file
 * with h18's real 0013; delete it then (a database that ran this no-op would skip h18's, so only
 * test databases may ever have run it).
 */
export const migration0013: RecordsMigration = {
  version: 13,
  name: 'reserved-h18',
  up() {},
};
