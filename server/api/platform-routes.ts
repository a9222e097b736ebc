import { z } from 'zod';
import { CallTicketRequest, KioskHeartbeat, PLATFORM_API } from '../../common/signaling/fleet';
import { SIGNALING_PATH } from '../../common/signaling/messages';
import { createLogger } from '../../common/util/logger';
import type { CallTokens } from '../auth/call-tokens';
import type { DoctorAccounts } from '../auth/doctor-accounts';
import type { DoctorSessions } from '../auth/doctor-sessions';
import type { SignInThrottle } from '../auth/sign-in-throttle';
import type { KioskCredentials } from '../auth/kiosk-credentials';
import type { CallCenter } from '../calls/call-center';
import { sendJson, type Route } from '../http-server';
import { readJson } from './body';
import type { FleetRegistry } from './fleet-registry';

const log = createLogger('platform:api');

export interface PlatformRouteDeps {
  kioskCredentials: KioskCredentials;
  callTokens: CallTokens;
  accounts: DoctorAccounts;
  sessions: DoctorSessions;
  fleet: FleetRegistry;
  calls: CallCenter;
  throttle?: SignInThrottle;
  /** Public ws(s) base of the platform; default: from the request's Host header. */
  publicWsUrl?: string;
}

const SignIn = z.object({ email: z.string().max(200), password: z.string().max(200) }).strict();

/** The platform's JSON API: call tickets and heartbeats (kiosks), sign-in and fleet (doctors). */
export function platformRoutes(deps: PlatformRouteDeps): Route {
  return async (req, res, url) => {
    const is = (method: string, path: string) => req.method === method && url.pathname === path;
    if (is('POST', PLATFORM_API.callTickets)) {
      const kiosk = deps.kioskCredentials.fromAuthorization(req.headers.authorization);
      if (!kiosk) return refuse(res, 401, 'unauthorised', 'kiosk credential missing or invalid', url.pathname);
      const body = await readJson(req, CallTicketRequest);
      if (!body.ok) return refuse(res, 400, 'bad-request', body.error, url.pathname);
      const { token, expiresAt } = deps.callTokens.issue(kiosk.kioskId, body.value.sessionId);
      const base = deps.publicWsUrl ?? `ws://${req.headers.host ?? '127.0.0.1'}`;
      return sendJson(res, 200, {
        signalingUrl: `${base}${SIGNALING_PATH}`,
        token,
        expiresAt: new Date(expiresAt).toISOString(),
      });
    }
    if (is('POST', PLATFORM_API.heartbeat)) {
      const kiosk = deps.kioskCredentials.fromAuthorization(req.headers.authorization);
      if (!kiosk) return refuse(res, 401, 'unauthorised', 'kiosk credential missing or invalid', url.pathname);
      const body = await readJson(req, KioskHeartbeat);
      if (!body.ok) return refuse(res, 400, 'bad-request', body.error, url.pathname);
      deps.fleet.record(kiosk.kioskId, body.value);
      return sendJson(res, 200, { ok: true });
    }
    if (is('GET', PLATFORM_API.fleet)) {
      if (!deps.sessions.fromAuthorization(req.headers.authorization))
        return refuse(res, 401, 'unauthorised', 'doctor session missing or expired', url.pathname);
      return sendJson(res, 200, { kiosks: deps.fleet.list(), queue: deps.calls.stats() });
    }
    if (is('POST', PLATFORM_API.doctorSignIn)) {
      const body = await readJson(req, SignIn);
      if (!body.ok) return refuse(res, 400, 'bad-request', body.error, url.pathname);
      if (deps.throttle && !deps.throttle.allowed(body.value.email))
        return refuse(res, 429, 'too-many-attempts', 'too many failed attempts: try again in 15 minutes', url.pathname);
      const doctor = await deps.accounts.verify(body.value.email, body.value.password);
      deps.throttle?.record(body.value.email, doctor !== null);
      if (!doctor) return refuse(res, 401, 'unauthorised', 'unknown e-mail or wrong password', url.pathname);
      const session = deps.sessions.create(doctor);
      return sendJson(res, 200, { token: session.token, expiresAt: new Date(session.expiresAt).toISOString(), doctor });
    }
    return false;
  };
}

function refuse(res: Parameters<Route>[1], status: number, code: string, message: string, path: string): true {
  log.warn(`${path}: ${status} ${message}`);
  return sendJson(res, status, { error: code, message });
}
