/**
 * The `default` of every switch over a union: the compiler rejects the call as soon as a member of
 * the union has no case (its argument is no longer `never`), and at run time a value that escaped
 * the type (untyped input, a newer peer) fails loudly instead of falling through silently.
 */
export function assertUnreachable(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
