import { randomBytes } from 'node:crypto';
import { startPlatform, type Platform, type PlatformOptions } from '../platform';

/**
 * A platform for a test file: an ephemeral port on loopback, everything in memory, one media worker
 * the dev doctor account and a random prescription key, plus whatever the test sets.
 */
export function startTestPlatform(options: Partial<PlatformOptions> = {}): Promise<Platform> {
  return startPlatform({
    port: 0,
    dataDir: null,
    workers: 1,
    seedDevDoctor: true,
    prescriptionKey: randomBytes(32),
    ...options,
  });
}
