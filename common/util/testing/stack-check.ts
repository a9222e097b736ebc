import { systemClock, type Clock } from '../clock';
import { isCi } from './ci';

/** What a test learns about a real stack (pcscd, socat, the mediasoup worker, Chromium…). */
export type StackCheck<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

export interface StackCheckOptions<T> {
  /** How long the probe may take before the stack counts as unavailable; default 60 s. */
  timeoutMs?: number;
  /** Stops a stack that came up only after the timeout, so that nothing outlives the run. */
  stop?: (value: T) => unknown;
  /** Where CI is read; default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** The clock of the timeout; default the system's. */
  clock?: Clock;
}

/** A real stack that is missing or timed out under CI: the test fails with the reason. */
export class StackMissingError extends Error {
  override readonly name = 'StackMissingError';
}

// common/ also builds for the browser, which has no `process` type; this runs only under Node.
declare const process: { env: Record<string, string | undefined> };

/**
 * Runs `probe` (the stack's start-up, or a check that it is installed). Under CI a failure or a
 * timeout throws StackMissingError naming the stack and the reason, so CI cannot go green without
 * it; elsewhere it prints why and returns the reason, and the caller skips its tests.
 */
export async function checkStack<T>(
  name: string,
  probe: () => T | Promise<T>,
  options: StackCheckOptions<T> = {},
): Promise<StackCheck<T>> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  let reason: string;
  try {
    return { ok: true, value: await withTimeout(probe, timeoutMs, options.clock ?? systemClock, options.stop) };
  } catch (error) {
    reason = `${name} is not available: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (isCi(options.env ?? process.env))
    throw new StackMissingError(`${reason} (CI: tests that need it fail, not skip)`);
  console.warn(`skipped: ${reason}`);
  return { ok: false, reason };
}

function withTimeout<T>(
  probe: () => T | Promise<T>,
  timeoutMs: number,
  clock: Clock,
  stop?: (value: T) => unknown,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let timedOut = false;
    const timer = clock.setTimeout(() => {
      timedOut = true;
      reject(new Error(`it did not come up within ${timeoutMs} ms`));
    }, timeoutMs);
    Promise.resolve()
      .then(probe)
      .then(
        (value) => {
          clock.clearTimeout(timer);
          if (timedOut) void Promise.resolve(stop?.(value)).catch(() => undefined);
          else resolve(value);
        },
        (error: unknown) => {
          clock.clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
  });
}
