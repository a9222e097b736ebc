import type { Specialty } from '../../common/flow/care-pathway';
import type { FlowView } from '../../common/flow/flow-view';
import type { Territory } from '../../common/routing/territory';
import { CallTicketGrant, PLATFORM_API } from '../../common/signaling/fleet';
import { CallTicket } from '../../common/signaling/call-ticket';
import { ageInYears } from '../../common/util/dates';
import { createLogger } from '../../common/util/logger';
import { HandlerError } from '../ipc/dispatch';

const log = createLogger('kiosk:main:call');

/** What the call needs of the patient session under way (given by the flow service). */
export interface CallSessionInfo {
  /** The flow's session id (UUID). */
  sessionId: string;
  ageYears: number;
  specialty: Specialty;
  reason: string;
  /** The appointment checked in for: the platform puts the patient in that doctor's room (issue 17). */
  appointmentId?: string;
}

export interface CallTicketServiceOptions {
  /** Base URL of the platform (config `platform.url`; ws(s) is accepted and mapped to http(s)). */
  platformUrl: string;
  kioskId: string;
  /** The pharmacy's territory (config `site.territory`): the patient waits in that territory's queue. */
  territory: Territory;
  /** The kiosk's long-term credential, or its reader (main/platform-credential.ts). */
  credential: string | (() => string);
  /** Told the `error` code of a 401 answer (an expired or revoked credential is logged there). */
  onRefused?(code: unknown): void;
  /** The session waiting for a doctor, or null when there is none (welcome, identification…). */
  currentSession: () => CallSessionInfo | null | Promise<CallSessionInfo | null>;
  fetch?: typeof fetch;
  /** Default 10 s. */
  timeoutMs?: number;
}

/**
 * `getCallTicket`: exchanges the kiosk's long-term credential for a short-lived token bound to the
 * current session, so the screens (which do the WebRTC call) never hold the credential. Errors are
 * HandlerErrors: 'no-session', 'no-credential', 'platform-unreachable', 'platform-refused'.
 */
export function createCallTicketService(options: CallTicketServiceOptions) {
  const doFetch = options.fetch ?? fetch;
  const httpBase = options.platformUrl.replace(/^ws(s?):/, 'http$1:').replace(/\/$/, '');
  const readCredential =
    typeof options.credential === 'string' ? () => options.credential as string : options.credential;

  return {
    async getCallTicket(): Promise<CallTicket> {
      const session = await options.currentSession();
      if (!session) throw new HandlerError('no-session', 'no patient session is waiting for a call');
      let credential: string;
      try {
        credential = readCredential();
      } catch (error) {
        throw new HandlerError('no-credential', (error as Error).message);
      }
      let response: Response;
      try {
        response = await doFetch(`${httpBase}${PLATFORM_API.callTickets}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json' },
          body: JSON.stringify({ sessionId: session.sessionId }),
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
      } catch (error) {
        log.warn(`call ticket: platform unreachable (${(error as Error).name})`);
        throw new HandlerError('platform-unreachable', 'the platform cannot be reached');
      }
      if (!response.ok) {
        log.warn(`call ticket: platform refused (${response.status})`);
        if (response.status === 401)
          options.onRefused?.(((await response.json().catch(() => null)) as { error?: unknown } | null)?.error);
        throw new HandlerError('platform-refused', `the platform refused the call ticket (HTTP ${response.status})`);
      }
      const grant = CallTicketGrant.safeParse(await response.json().catch(() => null));
      if (!grant.success)
        throw new HandlerError('platform-refused', 'the platform answered something that is not a call ticket');
      return CallTicket.parse({
        signalingUrl: grant.data.signalingUrl,
        token: grant.data.token,
        sessionId: session.sessionId,
        kioskId: options.kioskId,
        queueEntry: {
          ageYears: session.ageYears,
          specialty: session.specialty,
          territory: options.territory,
          reason: session.reason,
          ...(session.appointmentId && { appointmentId: session.appointmentId }),
        },
      });
    },
  };
}

/**
 * The call's session info from the flow's view: a session that reached the waiting room (or is in
 * consultation, for a rejoin) with its reason given. Null before that.
 */
export function callSessionFromFlow(view: FlowView, now: Date = new Date()): CallSessionInfo | null {
  if (!view.sessionId || (view.step !== 'waiting' && view.step !== 'consultation')) return null;
  if (!view.reason.specialty) return null;
  const birthDate = view.identification.identity?.birthDate;
  return {
    sessionId: view.sessionId,
    ageYears: birthDate ? ageInYears(birthDate, now) : 0,
    specialty: view.reason.specialty,
    reason: view.reason.text,
    ...(view.appointment.checkedIn && { appointmentId: view.appointment.checkedIn.appointmentId }),
  };
}
