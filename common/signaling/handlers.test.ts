import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { dispatch, type Handlers, type MethodTable } from './messages';

type Greetings = typeof greetings;
const greetings = {
  hello: { request: z.strictObject({ name: z.string() }), result: z.object({ greeting: z.string() }) },
  count: { request: z.strictObject({ items: z.array(z.string()) }), result: z.object({ total: z.number() }) },
} satisfies MethodTable;

const handlers: Handlers<Greetings, { prefix: string }> = {
  hello: (context, request) => ({ greeting: `${context.prefix} ${request.name}` }),
  count: async (_context, request) => Promise.resolve({ total: request.items.length }),
};

describe('typed request handlers', () => {
  it('has one handler per method of the table', () => {
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(greetings).sort());
  });

  it('runs the handler of the request type with its context, and resolves to its result', async () => {
    const greeting = await dispatch(handlers, { prefix: 'Bonjour' }, { type: 'hello', name: 'Claire' });
    expect(greeting.greeting).toBe('Bonjour Claire');
    const counted = await dispatch(handlers, { prefix: '' }, { type: 'count', items: ['a', 'b'] });
    expect(counted.total).toBe(2);
  });

  it('does not compile a handler that answers the wrong shape, or a table missing a method', () => {
    const wrong: Handlers<Greetings, null> = {
      // @ts-expect-error -- `hello` must answer { greeting: string }.
      hello: () => ({ total: 1 }),
      count: () => ({ total: 0 }),
    };
    // @ts-expect-error -- `count` has no handler.
    const missing: Handlers<Greetings, null> = { hello: () => ({ greeting: '' }) };
    expect(Object.keys(wrong)).toEqual(['hello', 'count']);
    expect(Object.keys(missing)).toEqual(['hello']);
  });
});
