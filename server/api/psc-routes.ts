import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { PSC_RETURN_PARAM, PSC_SIGNED_IN, type PscRefusal } from '../../common/signaling/doctor-sign-in';
import { PLATFORM_API } from '../../common/signaling/fleet';
import { createLogger } from '../../common/util/logger';
import { sendError, type HttpApp } from '../../http/http-server';
import type { DoctorAccounts } from '../auth/doctor-accounts';
import type { DoctorSessions } from '../auth/doctor-sessions';
import { PscRefused, type ProSanteConnectClient } from '../auth/pro-sante-connect/psc-client';
import type { PscFlows } from '../auth/pro-sante-connect/psc-flows';
import { PUBLIC_ROUTE_RATE } from './sign-in-route';

const log = createLogger('platform:psc');

/** The browser's handle on its sign-in (an id in PscFlows), sent back only to the PSC routes. */
const FLOW_COOKIE = 'psc-flow';
const FLOW_COOKIE_PATH = '/api/doctor/psc/';
const CONSOLE_PATH = '/console/';

export interface PscRouteDeps {
  client: ProSanteConnectClient;
  flows: PscFlows;
  accounts: DoctorAccounts;
  sessions: DoctorSessions;
  /** The platform's public origin (PLATFORM_PUBLIC_URL, else the listening URL), read at each request. */
  publicBase(): string;
}

/** Only what a provider's answer may carry; anything longer is no answer of theirs. */
const CallbackQuery = z.record(z.string(), z.string().max(4096));

/**
 * Pro Santé Connect sign-in: `start` sends the browser to the provider with a new flow in a cookie,
 * `callback` checks the answer against that flow, finds the doctor's account by RPPS and opens the
 * same session the password sign-in gives, then sends the browser to the console, which collects
 * the session with `session`. A refusal sends the browser to the console with `?psc=<reason>` and
 * logs the reason's detail (no code, token, state or secret).
 */
export function registerProSanteConnectRoutes(app: HttpApp, deps: PscRouteDeps): void {
  const redirectUri = () => `${deps.publicBase()}${PLATFORM_API.pscCallback}`;
  const secure = () => deps.publicBase().startsWith('https:');

  app.get(PLATFORM_API.pscStart, { config: { rateLimit: PUBLIC_ROUTE_RATE } }, async (_request, reply) => {
    try {
      const { url, checks } = await deps.client.authorizationRequest(redirectUri());
      setFlowCookie(reply, await deps.flows.open(checks), secure());
      return reply.redirect(url.href, 303);
    } catch (error) {
      return refuse(reply, error, secure());
    }
  });

  app.get(
    PLATFORM_API.pscCallback,
    { schema: { querystring: CallbackQuery }, config: { rateLimit: PUBLIC_ROUTE_RATE } },
    async (request, reply) => {
      const flowId = flowCookie(request);
      try {
        const checks = await deps.flows.takeChecks(flowId);
        if (!checks) throw new PscRefused('state-mismatch', 'no sign-in under way in this browser, or it expired');
        if (request.query.state !== checks.state)
          throw new PscRefused('state-mismatch', "the answer's state is not the one this browser was given");
        // The URL the provider was given, whatever host the request came in by (behind a proxy).
        const answer = new URL(redirectUri());
        answer.search = new URLSearchParams(request.query).toString();
        const rpps = await deps.client.practitionerRpps(answer, checks);
        const doctor = await deps.accounts.byRpps(rpps);
        if (!doctor)
          throw new PscRefused('unknown-rpps', `no doctor account has RPPS ${rpps}: add it with admin.ts add-doctor`);
        await deps.flows.signedIn(flowId!, await deps.sessions.create(doctor));
        log.info(`doctor ${doctor.id} signed in with Pro Santé Connect`);
        return reply.redirect(consoleUrl(PSC_SIGNED_IN), 303);
      } catch (error) {
        return refuse(reply, error, secure());
      }
    },
  );

  app.post(
    PLATFORM_API.pscSession,
    { schema: { body: z.object({}).strict() }, config: { rateLimit: PUBLIC_ROUTE_RATE } },
    async (request, reply) => {
      const session = await deps.flows.takeSession(flowCookie(request));
      clearFlowCookie(reply, secure());
      if (!session)
        return sendError(
          reply,
          401,
          'state-mismatch',
          'no Pro Santé Connect sign-in to collect in this browser: start again',
        );
      return { token: session.token, expiresAt: new Date(session.expiresAt).toISOString(), doctor: session.doctor };
    },
  );
}

function refuse(reply: FastifyReply, error: unknown, secure: boolean): FastifyReply {
  const refused = error instanceof PscRefused ? error : new PscRefused('provider-unreachable', String(error));
  log.warn(`Pro Santé Connect sign-in refused, ${refused.code}: ${refused.detail}`);
  clearFlowCookie(reply, secure);
  return reply.redirect(consoleUrl(refused.code), 303);
}

function consoleUrl(outcome: PscRefusal | typeof PSC_SIGNED_IN): string {
  return `${CONSOLE_PATH}?${PSC_RETURN_PARAM}=${outcome}`;
}

/**
 * HttpOnly (no script reads it), SameSite=Lax (sent on the provider's redirect back, a top-level
 * GET, and never on a foreign page's POST), only to the PSC routes, gone with the flow.
 */
function setFlowCookie(reply: FastifyReply, id: string, secure: boolean) {
  void reply.header(
    'set-cookie',
    `${FLOW_COOKIE}=${id}; Path=${FLOW_COOKIE_PATH}; Max-Age=600; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`,
  );
}

function clearFlowCookie(reply: FastifyReply, secure: boolean) {
  void reply.header(
    'set-cookie',
    `${FLOW_COOKIE}=; Path=${FLOW_COOKIE_PATH}; Max-Age=0; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`,
  );
}

function flowCookie(request: FastifyRequest): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === FLOW_COOKIE && value.length > 0) return value.join('=');
  }
  return undefined;
}
