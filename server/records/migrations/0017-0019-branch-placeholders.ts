import type { RecordsMigration } from './index';

/**
 * BRANCH ONLY (h21e): the migration runner needs contiguous versions, and 0017–0019 belong to other
 * branches (h15m, h17c, h21i) merged alongside this one. These empty steps let 0020 run here; at
 * merge the lead deletes this file and lists the real 0017–0019 instead. Never shipped.
 */
const placeholder = (version: number): RecordsMigration => ({
  version,
  name: `reserved-${version}`,
  up() {},
});

export const branchPlaceholders0017to0019: readonly RecordsMigration[] = [
  placeholder(17),
  placeholder(18),
  placeholder(19),
];
