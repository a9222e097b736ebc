import { dirname } from 'node:path';

/**
 * A write refused because the disk under the kiosk's store is full. Nothing of that write is kept
 * (the transaction rolled back); everything recorded before is intact. Says which folder's disk,
 * so the technician knows where to free space.
 */
export class StoreDiskFullError extends Error {
  override readonly name = 'StoreDiskFullError';
  constructor(readonly folder: string) {
    super(`the kiosk's disk is full (no space left for its store in ${folder}): this record was not saved`);
  }
}

/** SQLite's "database or disk is full" as a StoreDiskFullError naming the store's folder; other errors as they are. */
export function explainDiskFull(error: unknown, file: string): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' ? new StoreDiskFullError(dirname(file)) : error;
}
