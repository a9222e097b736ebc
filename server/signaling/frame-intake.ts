import { z } from 'zod';
import {
  describeIssue,
  DoctorToPlatform,
  KioskToPlatform,
  PharmacistToPlatform,
  RequestId,
  type SignalError,
} from '../../common/signaling/messages';
import { err, ok, type Result } from '../../common/util/result';
import { ENTRY_TYPES } from './entry-handlers';
import type { SocketRole } from './socket-context';

/** A validated request, with the side whose method table it belongs to. */
export type IncomingRequest =
  | { side: 'kiosk'; request: KioskToPlatform }
  | { side: 'doctor'; request: DoctorToPlatform }
  | { side: 'pharmacist'; request: PharmacistToPlatform };

/** A frame refused before any handler ran: the reason, and the id to answer when it had one. */
export interface Refusal {
  id: string | undefined;
  error: SignalError;
}

const Peek = z.object({ type: z.string().max(64), id: RequestId.optional() });

/**
 * Deepest nesting of objects and arrays a frame may have. The deepest real request (RTP parameters)
 * nests six levels; far deeper frames would reach the recursive validators (zod's, mediasoup's)
 * and overflow their stack.
 */
export const MAX_FRAME_DEPTH = 32;

/**
 * Reads one text frame for a socket in the given role: JSON, a type and an id, a method this role
 * may call, then that method's schema. Refusals name the bad field, never the frame's content
 * (which may hold patient data).
 */
export function readRequest(text: string, role: SocketRole['kind']): Result<IncomingRequest, Refusal> {
  if (nestsDeeperThan(text, MAX_FRAME_DEPTH))
    return refuse(undefined, 'bad-message', `frame nests deeper than ${MAX_FRAME_DEPTH} levels`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return refuse(undefined, 'bad-message', 'frame is not JSON');
  }
  const peek = Peek.safeParse(json);
  if (!peek.success) return refuse(undefined, 'bad-message', 'frame needs a string "type" and "id"');
  const { type, id } = peek.data;
  if (!id) return refuse(undefined, 'bad-message', `${type}: missing "id"`);
  const side = sideFor(role, type);
  if (!side) return refuse(id, 'unauthorised', `${type}: join the queue (kiosk) or sign in (doctor, pharmacist) first`);
  if (side === 'kiosk') {
    const parsed = KioskToPlatform.safeParse(json);
    return parsed.success ? ok({ side, request: parsed.data }) : badField(id, type, parsed.error);
  }
  if (side === 'pharmacist') {
    const parsed = PharmacistToPlatform.safeParse(json);
    return parsed.success ? ok({ side, request: parsed.data }) : badField(id, type, parsed.error);
  }
  const parsed = DoctorToPlatform.safeParse(json);
  return parsed.success ? ok({ side, request: parsed.data }) : badField(id, type, parsed.error);
}

/** Whether the JSON text opens more than `max` objects or arrays inside each other (brackets in strings aside). */
function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/** Whose method table a request type is read against, or null when this role may not send it. */
function sideFor(role: SocketRole['kind'], type: string): IncomingRequest['side'] | null {
  if (role !== 'none') return role;
  if (!ENTRY_TYPES.has(type)) return null;
  if (type === 'join-queue') return 'kiosk';
  return type.startsWith('pharmacist-') ? 'pharmacist' : 'doctor';
}

function badField(id: string, type: string, error: z.ZodError) {
  return refuse(id, 'bad-message', `${type}: ${describeIssue(error)}`.slice(0, 400));
}

function refuse(id: string | undefined, code: SignalError['code'], message: string) {
  return err<Refusal>({ id, error: { code, message } });
}
