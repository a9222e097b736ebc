import { CallTicketRequest, KioskHeartbeat, PLATFORM_API } from '../../common/signaling/fleet';
import { KIOSK_CREDENTIAL_REFUSALS } from '../../common/signaling/kiosk-credential-refusal';
import { SIGNALING_PATH } from '../../common/signaling/messages';
import type { HttpApp } from '../../http/http-server';
import { requestGuard } from '../../http/request-guard';
import type { CallTokens } from '../auth/call-tokens';
import type { DoctorSessions } from '../auth/doctor-sessions';
import type { KioskCredentials } from '../auth/kiosk-credentials';
import type { CallCenter } from '../calls/call-center';
import type { FleetRegistry } from './fleet-registry';

export interface PlatformRouteDeps {
  kioskCredentials: KioskCredentials;
  callTokens: CallTokens;
  sessions: DoctorSessions;
  fleet: FleetRegistry;
  calls: CallCenter;
  /** Public ws(s) base of the platform; default: the request's scheme (as TLS or a trusted proxy says) and Host. */
  publicWsUrl?: string;
}

/** The kiosk-credential hook of a route: a refusal says why (expired, revoked, not recognised). */
export function kioskGuard(kioskCredentials: KioskCredentials) {
  return requestGuard(
    (request) => kioskCredentials.fromAuthorization(request.headers.authorization),
    async (request) => {
      const result = await kioskCredentials.checkAuthorization(request.headers.authorization);
      const refusal = result.ok ? 'credential-invalid' : result.refusal;
      return { status: 401, error: refusal, message: KIOSK_CREDENTIAL_REFUSALS[refusal] };
    },
  );
}

/** The platform's JSON API for kiosks (call tickets, heartbeats) and the fleet view (doctors). */
export function registerPlatformRoutes(app: HttpApp, deps: PlatformRouteDeps): void {
  const kiosk = kioskGuard(deps.kioskCredentials);
  const doctor = requestGuard((request) => deps.sessions.fromAuthorization(request.headers.authorization), {
    status: 401,
    error: 'unauthorised',
    message: 'doctor session missing or expired',
  });

  app.post(PLATFORM_API.callTickets, { onRequest: kiosk.onRequest, schema: { body: CallTicketRequest } }, (request) => {
    const { token, expiresAt } = deps.callTokens.issue(kiosk.of(request).kioskId, request.body.sessionId);
    const base = deps.publicWsUrl ?? `${request.protocol === 'https' ? 'wss' : 'ws'}://${request.host}`;
    return { signalingUrl: `${base}${SIGNALING_PATH}`, token, expiresAt: new Date(expiresAt).toISOString() };
  });

  app.post(PLATFORM_API.heartbeat, { onRequest: kiosk.onRequest, schema: { body: KioskHeartbeat } }, (request) => {
    const principal = kiosk.of(request);
    deps.fleet.record(principal.kioskId, request.body);
    // The heartbeat is the kiosk's authenticated channel: a credential in its last days is replaced here.
    const credential = deps.kioskCredentials.rotation(principal);
    return credential ? { ok: true, credential } : { ok: true };
  });

  app.get(PLATFORM_API.fleet, { onRequest: doctor.onRequest }, () => ({
    kiosks: deps.fleet.list(),
    queue: deps.calls.stats(),
  }));
}
