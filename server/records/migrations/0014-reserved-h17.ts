import type { RecordsMigration } from './index';

/**
 * PLACEHOLDER on branch h15 only: version 14 is helper h17's migration, not on this branch yet, and
 * the runner needs versions in sequence to reach 0016 (queue). The merge replaces this file with
 * h17's real 0014; delete it then (a database that ran this no-op would skip h17's, so only test
 * databases may ever have run it).
 */
export const migration0014: RecordsMigration = {
  version: 14,
  name: 'reserved-h17',
  up() {},
};
