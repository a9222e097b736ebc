import type { AnyRequestBody, MethodTable, RequestBody, ResultOf } from './method-table';

/**
 * Handles one request of a method table. Its return type is the method's result as the table
 * defines it, so a handler that answers the wrong shape does not compile.
 */
export type Handler<M extends MethodTable, K extends keyof M & string, C> = (
  context: C,
  request: RequestBody<M, K>,
) => ResultOf<M, K> | Promise<ResultOf<M, K>>;

/** One handler per method of the table: a method left without one does not compile. */
export type Handlers<M extends MethodTable, C> = { [K in keyof M & string]: Handler<M, K, C> };

/** Runs the handler of the request's method; resolves to that method's result. */
export async function dispatch<M extends MethodTable, C, R extends AnyRequestBody<M>>(
  handlers: Handlers<M, C>,
  context: C,
  request: R,
): Promise<ResultOf<M, R['type']>> {
  // TypeScript cannot tie the handler looked up by `request.type` to the request's own member of
  // the union (a "correlated union"); Handlers guarantees the pairing, so it is asserted here once.
  const handler = handlers[request.type] as Handler<M, R['type'], C>;
  return handler(context, request);
}
