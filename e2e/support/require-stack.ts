import { test } from '@playwright/test';
import { checkStack, type StackCheck, type StackCheckOptions } from '../../common/util/testing/stack-check';

/**
 * The Playwright twin of common/util/testing/require-stack.ts, for a test or a test fixture: under CI
 * a missing or timed-out stack fails the test with the reason; elsewhere the test is skipped with it
 * (the reason shows in the report).
 */
export async function requireStack<T>(
  name: string,
  probe: () => T | Promise<T>,
  options: StackCheckOptions<T> = {},
): Promise<T> {
  return usableStack(await checkStack(name, probe, options));
}

/** A stack checked once for the worker (checkStack in a worker fixture), used by one test. */
export function usableStack<T>(check: StackCheck<T>): T {
  if (check.ok) return check.value;
  test.skip(true, check.reason);
  throw new Error(check.reason); // not reached: test.skip ends the test by throwing
}
