import { afterEach } from 'vitest';

/**
 * What a test opened and must close (servers, pools, platforms), pushed as it opens them and run
 * after each test, the last opened first, each awaited: a platform stops before the database under it.
 */
export function cleanupsAfterEach(): (() => unknown)[] {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return cleanups;
}
