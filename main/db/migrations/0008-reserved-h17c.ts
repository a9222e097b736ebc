import type { Migration } from './migration';

/**
 * PLACEHOLDER on branch h21i only: version 8 is helper h17c's kiosk migration, not on this branch,
 * and the runner needs versions in sequence to reach 0009 (identity traits). The merge replaces this
 * file with h17c's real 0008; delete it then (only test stores may ever have run this no-op).
 */
export const migration0008: Migration = {
  version: 8,
  name: 'reserved-h17c',
  up() {},
};
