import type { Handlers, PharmacistInfo, PharmacistMethods, ResultOf } from '../../common/signaling/messages';
import { createLogger } from '../../common/util/logger';
import type { BearerSession } from '../auth/bearer-sessions';
import { tryAgainLater } from '../auth/sign-in-throttle';
import { SignalFailure } from '../calls/signal-failure';
import type { PharmacistLink } from '../pharmacy/pharmacy-boards';
import type { PharmacistContext, SocketContext } from './socket-context';

const log = createLogger('platform:signaling');

/** The requests that make a socket a pharmacist's portal. */
export type PharmacistEntryMethods = Pick<PharmacistMethods, 'pharmacist-sign-in' | 'pharmacist-resume'>;

export const pharmacistEntryHandlers: Handlers<PharmacistEntryMethods, SocketContext> = {
  'pharmacist-sign-in': async (context, request) =>
    openPharmacistSession(context, await signIn(context, request.email, request.password)),
  'pharmacist-resume': async (context, request) => {
    const session = await context.deps.pharmacy.sessions.get(request.token);
    if (!session) throw new SignalFailure('unauthorised', 'the session is invalid or expired');
    return openPharmacistSession(context, session);
  },
};

/** Requests of a socket signed in as a pharmacist (the session is checked before each, see request-router). */
export const pharmacistHandlers: Handlers<PharmacistMethods, PharmacistContext> = {
  ...pharmacistEntryHandlers,
  'pharmacist-sign-out': async (context) => {
    // Stored first: the sign-out is answered once no node accepts the session any more.
    await context.deps.pharmacy.sessions.revoke(context.role.token);
    context.deps.pharmacy.boards.unsubscribe(context.role.link);
    context.become({ kind: 'none' });
    return {};
  },
  'subscribe-board': (context) =>
    context.deps.pharmacy.boards.subscribe(context.role.link, context.role.pharmacist.pharmacy.id),
  'alerts-received': (context, request) => {
    context.deps.pharmacy.alerts.received(context.role.pharmacist.pharmacy.id, context.socketId, request.alertIds);
    return {};
  },
  'acknowledge-alert': (context, request) => {
    const { pharmacist } = context.role;
    const alert = context.deps.pharmacy.alerts.acknowledge(
      { name: pharmacist.name, pharmacyId: pharmacist.pharmacy.id },
      request.alertId,
    );
    return { alert };
  },
  'callback-resume': (context, request) => answerCallback(context, request.ticket, 'resume'),
  'callback-cancel': (context, request) => answerCallback(context, request.ticket, 'cancel'),
};

/** A ticket of another pharmacy's cabin is refused as unknown (away-places.ts). */
function answerCallback(context: PharmacistContext, ticket: number, action: 'resume' | 'cancel'): object {
  const { directory } = context.deps.pharmacy;
  const own = (kioskId: string) => directory.cabinOf(kioskId)?.pharmacy.id === context.role.pharmacist.pharmacy.id;
  if (action === 'resume') context.deps.calls.away.resume(ticket, own);
  else context.deps.calls.away.cancel(ticket, own);
  return {};
}

async function signIn(context: SocketContext, email: string, password: string): Promise<BearerSession<PharmacistInfo>> {
  const { throttle, pharmacy } = context.deps;
  const outcome = await throttle.attempt(email, context.address, () => pharmacy.accounts.verify(email, password));
  if (outcome.kind === 'locked') throw new SignalFailure('unauthorised', tryAgainLater(outcome.retryAfterSeconds));
  if (outcome.kind === 'refused') throw new SignalFailure('unauthorised', 'unknown e-mail or wrong password');
  const account = outcome.value;
  // A pharmacy added a moment ago through another node may not be in this node's read yet: read again.
  if (!pharmacy.directory.pharmacy(account.pharmacyId)) await pharmacy.directory.refresh();
  const found = pharmacy.directory.pharmacy(account.pharmacyId);
  if (!found)
    throw new SignalFailure('forbidden', `pharmacy ${account.pharmacyId} is not on this platform: ask the operator`);
  return pharmacy.sessions.create({ id: account.id, name: account.name, pharmacy: found });
}

/** The socket speaks for this pharmacist from now on (replacing the session it had, if any). */
function openPharmacistSession(
  context: SocketContext,
  session: BearerSession<PharmacistInfo>,
): ResultOf<PharmacistMethods, 'pharmacist-sign-in'> {
  if (context.role.kind === 'pharmacist') context.deps.pharmacy.boards.unsubscribe(context.role.link);
  const link: PharmacistLink = { id: context.socketId, send: (event) => context.send(event) };
  context.become({ kind: 'pharmacist', link, token: session.token, pharmacist: session.holder });
  log.info(`socket ${context.socketId}: pharmacist ${session.holder.id} of ${session.holder.pharmacy.id} signed in`);
  return {
    token: session.token,
    expiresAt: new Date(session.expiresAt).toISOString(),
    pharmacist: session.holder,
  };
}
