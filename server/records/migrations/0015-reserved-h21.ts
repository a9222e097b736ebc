import type { RecordsMigration } from './index';

/**
 * PLACEHOLDER on branch h15 only: version 15 is helper h21's migration, not on this branch yet, and
 * the runner needs versions in sequence to reach 0016 (queue). The merge replaces this file with
 * h21's real 0015; delete it then (a database that ran this no-op would skip h21's, so only test
 * databases may ever have run it).
 */
export const migration0015: RecordsMigration = {
  version: 15,
  name: 'reserved-h21',
  up() {},
};
