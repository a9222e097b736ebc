import type { RecordsMigration } from './index';

/**
 * PLACEHOLDER on branch h21i only: version 17 is helper h15m's migration, not on this branch, and the
 * runner needs versions in sequence to reach 0019 (identity checks). The merge replaces this file
 * with h15m's real 0017; delete it then (a database that ran this no-op would skip h15m's, so only test
 * databases may ever have run it).
 */
export const migration0017: RecordsMigration = {
  version: 17,
  name: 'reserved-h15m',
  up() {},
};
