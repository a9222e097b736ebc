import type { FastifySchemaCompiler, FastifyTypeProvider } from 'fastify';
import type { z } from 'zod';

/**
 * Request validation with the project's zod schemas, the one way every route declares its input:
 * `schema: { body: SomeZodSchema, params: …, querystring: … }`. Fastify runs the schema before the
 * handler, so a handler only ever sees a parsed value, typed through `ZodTypeProvider`.
 */
export interface ZodTypeProvider extends FastifyTypeProvider {
  readonly validator: this['schema'] extends z.ZodType ? z.output<this['schema']> : unknown;
  readonly serializer: this['schema'] extends z.ZodType ? z.input<this['schema']> : unknown;
}

export interface InputIssue {
  /** Dotted path inside the part, e.g. `items.2.payload.spo2`; `(body)` for the whole of it. */
  readonly path: string;
  readonly message: string;
}

/** A request part (body, params, querystring) that failed its schema; answered 400 naming the fields. */
export class InvalidInputError extends Error {
  readonly statusCode = 400;
  readonly code = 'FST_ERR_VALIDATION';
  constructor(
    readonly part: string,
    readonly issues: readonly InputIssue[],
  ) {
    const first = issues[0];
    super(first ? `${part}: ${first.path}: ${first.message}` : `${part}: invalid`);
    this.name = 'InvalidInputError';
  }
}

/** Issues are capped: a 500-item batch with one bad field per item names the first twenty. */
const MAX_ISSUES = 20;

export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> = ({ schema, httpPart }) => {
  return (data: unknown) => {
    const parsed = schema.safeParse(data);
    if (parsed.success) return { value: parsed.data };
    const issues = parsed.error.issues.slice(0, MAX_ISSUES).map((issue) => ({
      path: issue.path.map(String).join('.') || `(${httpPart ?? 'input'})`,
      message: issue.message,
    }));
    return { error: new InvalidInputError(httpPart ?? 'input', issues) };
  };
};
