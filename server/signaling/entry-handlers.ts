import { PASSWORD_SIGN_IN_OFF } from '../../common/signaling/doctor-sign-in';
import type { DoctorMethods, Handlers, KioskMethods, ResultOf } from '../../common/signaling/messages';
import { createLogger } from '../../common/util/logger';
import type { DoctorSession } from '../auth/doctor-sessions';
import { tryAgainLater } from '../auth/sign-in-throttle';
import type { DoctorLink, KioskLink } from '../calls/call-center';
import { SignalFailure } from '../calls/signal-failure';
import { pharmacistEntryHandlers, type PharmacistEntryMethods } from './pharmacist-handlers';
import type { SignalingDeps, SocketContext } from './socket-context';

const log = createLogger('platform:signaling');

/** The requests that give a socket its role: a kiosk joining the queue, a doctor or a pharmacist signing in. */
export type EntryMethods = Pick<KioskMethods, 'join-queue'> &
  Pick<DoctorMethods, 'sign-in' | 'resume-session'> &
  PharmacistEntryMethods;
export const ENTRY_TYPES: ReadonlySet<string> = new Set<keyof EntryMethods>([
  'join-queue',
  'sign-in',
  'resume-session',
  'pharmacist-sign-in',
  'pharmacist-resume',
]);

/** This node takes no new calls just now (its Redis or its database lost): a clear refusal. */
export function refuseWhenNotAdmitting(deps: SignalingDeps): void {
  const refusal = deps.admission?.() ?? null;
  if (refusal !== null) throw new SignalFailure('internal', `the platform takes no new calls just now: ${refusal}`);
}

export const entryHandlers: Handlers<EntryMethods, SocketContext> = {
  'join-queue': async (context, request) => {
    const grant = await context.deps.callTokens.verify(request.token);
    if (!grant) throw new SignalFailure('unauthorised', 'the call ticket is invalid or expired');
    // A kiosk with a consultation under way comes back to it; only a new patient waits for the node.
    if (!context.deps.calls.kioskCalls().has(grant.kioskId)) refuseWhenNotAdmitting(context.deps);
    const link: KioskLink = { id: context.socketId, send: (event) => context.send(event) };
    // The appointment is read from storage first (PostgreSQL on a cluster); the join itself is synchronous.
    const booked = await context.deps.calls.bookedFor(grant.kioskId, request.queueEntry.appointmentId);
    const result = context.deps.calls.joinQueue(link, grant, request, booked);
    context.become({ kind: 'kiosk', link });
    // The place is answered once stored: a platform killed right after the answer still has it.
    await context.deps.calls.stored();
    return result;
  },
  'sign-in': async (context, request) =>
    openDoctorSession(context, await signIn(context, request.email, request.password)),
  'resume-session': async (context, request) => {
    const session = await context.deps.sessions.get(request.token);
    if (!session) throw new SignalFailure('unauthorised', 'the session is invalid or expired');
    return openDoctorSession(context, session);
  },
  ...pharmacistEntryHandlers,
};

async function signIn(context: SocketContext, email: string, password: string): Promise<DoctorSession> {
  const { accounts, sessions, throttle, passwordSignIn } = context.deps;
  if (!passwordSignIn) throw new SignalFailure('unauthorised', PASSWORD_SIGN_IN_OFF);
  const outcome = await throttle.attempt(email, context.address, () => accounts.verify(email, password));
  if (outcome.kind === 'locked') throw new SignalFailure('unauthorised', tryAgainLater(outcome.retryAfterSeconds));
  if (outcome.kind === 'refused') throw new SignalFailure('unauthorised', 'unknown e-mail or wrong password');
  return sessions.create(outcome.value);
}

/**
 * The socket speaks for this doctor from now on (replacing the session it had, if any), with the
 * patients the account may take and the session's duty (both answered, for the console to show).
 */
async function openDoctorSession(
  context: SocketContext,
  session: DoctorSession,
): Promise<ResultOf<DoctorMethods, 'sign-in'>> {
  const { calls, accounts } = context.deps;
  if (context.role.kind === 'doctor') calls.doctorOffline(context.role.link);
  const link: DoctorLink = { id: context.socketId, send: (event) => context.send(event) };
  const scope = await accounts.scopeOf(session.doctor.id);
  context.become({ kind: 'doctor', link, token: session.token, doctor: session.doctor });
  calls.doctorOnline(link, { doctor: session.doctor, scope, token: session.token, onDuty: session.onDuty });
  log.info(`socket ${context.socketId}: doctor ${session.doctor.id} signed in`);
  return {
    token: session.token,
    expiresAt: new Date(session.expiresAt).toISOString(),
    doctor: session.doctor,
    scope,
    onDuty: session.onDuty,
  };
}
