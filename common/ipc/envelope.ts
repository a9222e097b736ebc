import { z } from 'zod';
import type { Result } from '../util/result';

/**
 * Every answer crosses the process boundary as an envelope: Electron strips Error properties
 * across invoke, and a WebSocket carries only JSON, so errors travel as `{code, message}`.
 */
export const ErrorInfo = z.object({ code: z.string(), message: z.string() });
export type ErrorInfo = z.infer<typeof ErrorInfo>;

export type Envelope<T> = Result<T, ErrorInfo>;

export const EnvelopeSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: ErrorInfo }),
]);

/** Thrown on the renderer side when main answered with an error envelope. */
export class KioskApiError extends Error {
  readonly code: string;
  constructor(info: ErrorInfo) {
    super(info.message);
    this.name = 'KioskApiError';
    this.code = info.code;
  }
}

export function unwrapEnvelope<T>(envelope: Envelope<T>): T {
  if (envelope.ok) return envelope.value;
  throw new KioskApiError(envelope.error);
}
