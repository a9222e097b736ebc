import type { FastifyReply, FastifyRequest } from 'fastify';
import { createLogger } from '../common/util/logger';
import { sendError } from './http-server';

const log = createLogger('http:guard');

export interface Refusal {
  status: number;
  error: string;
  message: string;
}

export interface RequestGuard<T> {
  /** The route's `onRequest` hook: refuses before the body is read when `check` finds no one. */
  readonly onRequest: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>;
  /** Who the hook let through, for the handler. */
  of(request: FastifyRequest): T;
}

/**
 * Authentication as a route hook: `check` names who sends the request (a kiosk, a doctor) or null,
 * and a refused request gets `status` with `error`/`message` without its body being read. The
 * refusal may depend on the request, to say why (an expired credential, a revoked one).
 */
export function requestGuard<T extends object | string>(
  check: (request: FastifyRequest) => T | null | Promise<T | null>,
  refusalOf: Refusal | ((request: FastifyRequest) => Refusal | Promise<Refusal>),
): RequestGuard<T> {
  const granted = new WeakMap<FastifyRequest, T>();
  return {
    onRequest: async (request, reply) => {
      const who = await check(request);
      if (who !== null) {
        granted.set(request, who);
        return undefined;
      }
      const refusal = typeof refusalOf === 'function' ? await refusalOf(request) : refusalOf;
      log.warn(`${request.method} ${request.routeOptions.url ?? '?'}: ${refusal.status} ${refusal.message}`);
      return sendError(reply, refusal.status, refusal.error, refusal.message);
    },
    of: (request) => {
      const who = granted.get(request);
      if (who === undefined) throw new Error(`${request.routeOptions.url ?? '?'}: the route has no guard hook`);
      return who;
    },
  };
}
