import { z } from 'zod';
import { RequestId } from './frames';

/** One request of a method table: the schema of its params and the schema of its result. */
export type Method = { request: z.ZodObject; result: z.ZodType };
/** A table of methods by request type. */
export type MethodTable = Record<string, Method>;

export const method = <P extends z.ZodRawShape, R extends z.ZodType>(params: P, result: R) => ({
  request: z.strictObject(params),
  result,
});
/** The result of a request that answers nothing but "done". */
export const Nothing = z.object({});

/** zod types an empty object as Record<string, never>; as a params/result type that means "nothing". */
type Shape<T> = string extends keyof T ? Record<never, never> : T;
/** The params of a method (what goes beside `type` and `id`). */
export type ParamsOf<M extends MethodTable, K extends keyof M> = Shape<z.input<M[K]['request']>>;
/** The result of a method. */
export type ResultOf<M extends MethodTable, K extends keyof M> = Shape<z.output<M[K]['result']>>;
/** A request as its handler sees it: its type and its params (the correlation id stays with the socket). */
export type RequestBody<M extends MethodTable, K extends keyof M & string> = { type: K } & Shape<
  z.output<M[K]['request']>
>;
/** Any request of a method table as its handler sees it, discriminated by `type`. */
export type AnyRequestBody<M extends MethodTable> = { [K in keyof M & string]: RequestBody<M, K> }[keyof M & string];
/** The request frame of one method: its type, its correlation id and its params. */
export type RequestOf<M extends MethodTable, K extends keyof M & string> = RequestBody<M, K> & { id: string };
/** A request frame of a method table. */
export type RequestFrame<M extends MethodTable> = { [K in keyof M & string]: RequestOf<M, K> }[keyof M & string];

/** The schema of every request frame of a method table, discriminated by `type`. */
export function requestUnion<M extends MethodTable>(methods: M): z.ZodType<RequestFrame<M>> {
  const options = Object.entries(methods).map(([type, m]) =>
    m.request.extend({ type: z.literal(type), id: RequestId }),
  );
  // The mapped type above describes exactly these objects; zod cannot infer it from a runtime map.
  return z.discriminatedUnion('type', options as unknown as [z.ZodObject, ...z.ZodObject[]]) as unknown as z.ZodType<
    RequestFrame<M>
  >;
}
