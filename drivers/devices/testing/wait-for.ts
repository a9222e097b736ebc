import type { EventEmitter } from 'node:events';

/**
 * Resolves with the arguments of the first `event` whose arguments satisfy `predicate` (tests wait
 * on events, never on time). Vitest's test timeout bounds the wait.
 */
export function waitFor<E extends Record<keyof E, unknown[]>, K extends keyof E & string>(
  emitter: EventEmitter<E>,
  event: K,
  predicate: (...args: E[K]) => boolean = () => true,
): Promise<E[K]> {
  return new Promise((resolve) => {
    const listener = (...args: E[K]) => {
      if (!predicate(...args)) return;
      (emitter as unknown as EventEmitter).off(event, listener as (...a: unknown[]) => void);
      resolve(args);
    };
    (emitter as unknown as EventEmitter).on(event, listener as (...a: unknown[]) => void);
  });
}
