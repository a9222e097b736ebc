import type { RecordsMigration } from './index';

/**
 * PLACEHOLDER on branch h21i only: version 18 is helper h17c's migration, not on this branch, and the
 * runner needs versions in sequence to reach 0019 (identity checks). The merge replaces this file
 * with h17c's real 0018; delete it then (a database that ran this no-op would skip h17c's, so only test
 * databases may ever have run it).
 */
export const migration0018: RecordsMigration = {
  version: 18,
  name: 'reserved-h17c',
  up() {},
};
