import { checkStack, type StackCheckOptions } from './stack-check';

/** A real stack as a Vitest file sees it: started (or found installed), or missing with the reason. */
export interface RequiredStack<T> {
  /** Why the stack cannot run here, or null when it runs. */
  readonly missing: string | null;
  /** The started stack; only tests gated by `describe` reach it. */
  readonly value: T;
  /** A describe block that runs when the stack does; otherwise its tests skip, the reason in the title. */
  describe(title: string, body: () => void): void;
}

/**
 * The Vitest side of checkStack: await it at the top of a test file. Under CI a missing or timed-out
 * stack fails the file with the reason; elsewhere the gated tests skip and the reason is printed.
 */
export async function requireStack<T>(
  name: string,
  probe: () => T | Promise<T>,
  options: StackCheckOptions<T> = {},
): Promise<RequiredStack<T>> {
  // Loaded here, not at the top: the stacks' starters (server/testing/*-instance.ts) import this
  // file and are shared with the Playwright e2e (e2e/cluster), where Vitest cannot be loaded.
  const { describe } = await import('vitest');
  const check = await checkStack(name, probe, options);
  return {
    missing: check.ok ? null : check.reason,
    get value(): T {
      if (!check.ok) throw new Error(check.reason);
      return check.value;
    },
    describe: (title, body) =>
      check.ok ? describe(title, body) : describe.skip(`${title} (skipped: ${check.reason})`, body),
  };
}
