import {
  dispatch,
  type DoctorMethodName,
  type DoctorMethods,
  type DoctorToPlatform,
  type KioskMethodName,
  type KioskMethods,
  type KioskToPlatform,
  type PharmacistMethodName,
  type PharmacistMethods,
  type PharmacistToPlatform,
  type ResultOf,
} from '../../common/signaling/messages';
import { assertUnreachable } from '../../common/util/assert-unreachable';
import { SignalFailure } from '../calls/signal-failure';
import { doctorHandlers } from './doctor-handlers';
import { ENTRY_TYPES, entryHandlers, type EntryMethods } from './entry-handlers';
import type { IncomingRequest } from './frame-intake';
import { kioskHandlers } from './kiosk-handlers';
import { pharmacistHandlers } from './pharmacist-handlers';
import type { DoctorContext, PharmacistContext, SocketContext } from './socket-context';

/** Whatever a request of any side may answer. */
export type SignalResult =
  | { [K in KioskMethodName]: ResultOf<KioskMethods, K> }[KioskMethodName]
  | { [K in DoctorMethodName]: ResultOf<DoctorMethods, K> }[DoctorMethodName]
  | { [K in PharmacistMethodName]: ResultOf<PharmacistMethods, K> }[PharmacistMethodName];

type AnyRequest = KioskToPlatform | DoctorToPlatform | PharmacistToPlatform;
type EntryRequest = Extract<AnyRequest, { type: keyof EntryMethods }>;

function isEntry(request: AnyRequest): request is EntryRequest {
  return ENTRY_TYPES.has(request.type);
}

/** Hands a validated request to the handler table of the socket's role. */
export async function route(context: SocketContext, incoming: IncomingRequest): Promise<SignalResult> {
  const { role } = context;
  switch (role.kind) {
    case 'none':
      // readRequest lets only the entry requests through before a role is given.
      if (!isEntry(incoming.request)) throw new SignalFailure('unauthorised', 'sign in first');
      return dispatch(entryHandlers, context, incoming.request);
    case 'kiosk':
      if (incoming.side !== 'kiosk') throw new SignalFailure('bad-message', 'not a kiosk request');
      return dispatch(kioskHandlers, { ...context, role }, incoming.request);
    case 'doctor':
      if (incoming.side !== 'doctor') throw new SignalFailure('bad-message', 'not a doctor request');
      if (!isEntry(incoming.request)) await requireLiveSession({ ...context, role });
      return dispatch(doctorHandlers, { ...context, role }, incoming.request);
    case 'pharmacist':
      if (incoming.side !== 'pharmacist') throw new SignalFailure('bad-message', 'not a pharmacist request');
      if (!isEntry(incoming.request)) await requireLivePharmacistSession({ ...context, role });
      return dispatch(pharmacistHandlers, { ...context, role }, incoming.request);
    default:
      return assertUnreachable(role, 'socket role');
  }
}

/**
 * Every doctor request re-checks the session: it may have expired or been signed out elsewhere (on
 * another node: the store is read again at most SESSION_CACHE_MS after, server/auth/bearer-sessions.ts).
 */
async function requireLiveSession(context: DoctorContext): Promise<void> {
  if (await context.deps.sessions.get(context.role.token)) return;
  context.send({ type: 'session-ended', reason: 'expired' });
  throw new SignalFailure('unauthorised', 'the session expired: sign in again');
}

/** The same for a pharmacist's portal: an expired session stops the board and says so. */
async function requireLivePharmacistSession(context: PharmacistContext): Promise<void> {
  if (await context.deps.pharmacy.sessions.get(context.role.token)) return;
  context.deps.pharmacy.boards.unsubscribe(context.role.link);
  context.send({ type: 'session-ended', reason: 'expired' });
  throw new SignalFailure('unauthorised', 'the session expired: sign in again');
}
