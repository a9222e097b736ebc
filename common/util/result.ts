/**
 * The outcome of an operation whose failure is an expected answer, not a bug: a frame that does
 * not parse, a request refused, a reply that crosses a process boundary. Callers must look at `ok`
 * before they can reach `value`; exceptions stay for what nobody can handle on the spot.
 */
export type Result<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

export function err<E>(error: E): { readonly ok: false; readonly error: E } {
  return { ok: false, error };
}
