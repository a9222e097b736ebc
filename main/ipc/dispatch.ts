import { z } from 'zod';
import { INVOKE_NAMES, kioskContract, type InvokeName, type KioskHandlers } from '../../common/ipc/contract';
import type { Envelope } from '../../common/ipc/envelope';
import { createLogger } from '../../common/util/logger';

const log = createLogger('kiosk:main:ipc');

const byChannel = new Map<string, InvokeName>(INVOKE_NAMES.map((name) => [kioskContract.invoke[name].channel, name]));

/** An error a handler throws on purpose, with a stable code the screens can translate. */
export class HandlerError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HandlerError';
  }
}

/**
 * One entry point for every invoke, whichever shell carried it: unknown channels and payloads
 * that fail the contract's schema are refused with an envelope; handler failures never escape.
 * Logs name the channel and the error code only, never the payload (it may hold patient data).
 */
export function createDispatcher(handlers: KioskHandlers) {
  return async function dispatch(channel: string, rawRequest: unknown): Promise<Envelope<unknown>> {
    const name = byChannel.get(channel);
    if (name === undefined) {
      log.warn(`refused unknown channel [channel:${channel.slice(0, 64)}]`);
      return { ok: false, error: { code: 'unknown-channel', message: `Unknown channel "${channel}"` } };
    }
    const entry = kioskContract.invoke[name];
    const parsed = (entry.request as z.ZodType).safeParse(rawRequest ?? {});
    if (!parsed.success) {
      log.warn(`refused malformed request [channel:${channel}]`);
      return {
        ok: false,
        error: { code: 'invalid-request', message: `Invalid request for ${channel}: ${z.prettifyError(parsed.error)}` },
      };
    }
    try {
      const handler = handlers[name] as (request: unknown) => unknown;
      const value = await handler(parsed.data);
      return { ok: true, value };
    } catch (error) {
      const code = error instanceof HandlerError ? error.code : 'internal-error';
      const message = error instanceof Error ? error.message : String(error);
      log.error(`handler failed [channel:${channel}] [code:${code}]`);
      return { ok: false, error: { code, message } };
    }
  };
}

export type Dispatch = ReturnType<typeof createDispatcher>;
