import { resolve } from 'node:path';
import { resolveDataDir } from '../common/util/data-dir';

/**
 * The platform's data folder (signing secret, doctor accounts, records) for the platform process
 * and its admin tool alike: `--data-dir`, else PLATFORM_DATA_DIR, else `./.platform-data`.
 */
export function platformDataDir(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(resolveDataDir({ option, variable: 'PLATFORM_DATA_DIR', env, fallback: () => '.platform-data' }));
}
