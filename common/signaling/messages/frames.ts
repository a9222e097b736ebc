import { z } from 'zod';
import { err, ok, type Result } from '../../util/result';

/**
 * The platform's signalling protocol: one WebSocket per kiosk screen or doctor console, JSON text
 * frames, every frame validated with these schemas on receipt (both sides). See ../README.md.
 *
 * Three frame shapes:
 * - request (client → platform): `{ type: <method>, id: <correlation id>, ...params }`;
 * - response (platform → client): `{ type: 'response', id, ok: true, result }` or
 *   `{ type: 'response', id, ok: false, error: { code, message } }` — exactly one per request;
 * - event (platform → client): `{ type: <event>, ...payload }` pushed at any time.
 *
 * The method tables (KioskMethods, DoctorMethods) pair each request schema with its result schema,
 * so a client can type `request('produce', {...})` and validate what comes back.
 */

/** Path of the signalling WebSocket on the platform's HTTP server. */
export const SIGNALING_PATH = '/signal';
/** Frames larger than this are refused (and the socket closed with 1009). */
export const MAX_SIGNAL_FRAME_BYTES = 256 * 1024;

/** A socket that has not joined the queue (kiosk) or signed in (doctor) this long after opening is closed. */
export const SIGNAL_ENTRY_TIMEOUT_MS = 10_000;

/**
 * Close codes of a signalling socket the platform ended, beside the standard 1008 (garbage or a
 * runaway rate of frames) and 1009 (a frame over MAX_SIGNAL_FRAME_BYTES). The close reason says the
 * same in words. Neither is worth an immediate reconnect.
 */
export const SignalCloseCode = {
  /** Nothing joined or signed in within SIGNAL_ENTRY_TIMEOUT_MS: open a socket when there is something to send. */
  entryTimeout: 4408,
  /** Too many sockets from this address have not joined or signed in: retry later, with backoff. */
  tooManyUnauthenticated: 4429,
} as const;

/** Client-chosen correlation id, echoed in the response. */
export const RequestId = z.string().min(1).max(64);

/** Error codes of a refused request or an unsolicited `error` event. */
export const SignalErrorCode = z.enum([
  /** The frame is not JSON, or does not match any message (the message names the bad field). */
  'bad-message',
  /** Well-formed but refused by mediasoup or the room (e.g. unknown transport id). */
  'bad-request',
  /** Not signed in, bad credentials, expired session or ticket. */
  'unauthorised',
  /** Signed in but not allowed (e.g. a doctor acting on another doctor's consultation). */
  'forbidden',
  'not-found',
  /** The state does not allow it (e.g. accepting a consultation already taken). */
  'conflict',
  /** The doctor already has a consultation in call: rejoin or end it before taking another patient. */
  'busy',
  /** A per-peer cap of the media room (transports, producers, consumers): the message names which. */
  'limit-reached',
  'internal',
]);
export type SignalErrorCode = z.infer<typeof SignalErrorCode>;
export const SignalError = z.object({ code: SignalErrorCode, message: z.string().max(500) });
export type SignalError = z.infer<typeof SignalError>;

/** The answer to one request; validate `result` with the method's result schema. */
export const ResponseFrame = z.discriminatedUnion('ok', [
  z.object({ type: z.literal('response'), id: RequestId, ok: z.literal(true), result: z.unknown() }),
  z.object({ type: z.literal('response'), id: RequestId, ok: z.literal(false), error: SignalError }),
]);
export type ResponseFrame = z.infer<typeof ResponseFrame>;

/**
 * Parses a text frame: JSON then the schema. The error is a readable reason naming the bad field
 * (never the frame's content, which may hold patient data).
 */
export function parseFrame<T>(schema: z.ZodType<T>, text: string): Result<T, string> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return err('not JSON');
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return ok(parsed.data);
  return err(describeIssue(parsed.error));
}

/** `path.to.field: what is wrong` for the first issue of a failed parse. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'frame';
  return `${where}: ${issue?.message ?? 'invalid'}`;
}
