import { AlertIdParams, AlertWatchQuery, RaiseAlertRequest } from '../../common/pharmacy/alerts';
import { PLATFORM_API } from '../../common/signaling/fleet';
import { sendError, type HttpApp } from '../../http/http-server';
import type { KioskCredentials } from '../auth/kiosk-credentials';
import { SignalFailure } from '../calls/signal-failure';
import type { AlertDesk, AlertSource } from '../pharmacy/alert-desk';
import type { PharmacyDirectory } from '../pharmacy/pharmacy-directory';
import { kioskGuard } from './platform-routes';

/** A long poll answers after this long when nothing changed; the kiosk asks again at once. */
export const ALERT_POLL_MS = 20_000;

const UNKNOWN = 'no such alert of this kiosk here (the platform may have restarted): raise it again';

/**
 * The kiosk's side of the pharmacist alerts (PLATFORM_API.alerts), with its credential: raise an
 * alert (answered once a portal has it on screen, or at once when none is open), follow it by long
 * poll until a pharmacist acknowledges it, and close it when the pharmacist answered at the cabin.
 */
export function registerAlertRoutes(
  app: HttpApp,
  deps: { kioskCredentials: KioskCredentials; alerts: AlertDesk; directory: PharmacyDirectory; pollMs?: number },
): void {
  const kiosk = kioskGuard(deps.kioskCredentials);
  const sourceOf = async (kioskId: string): Promise<AlertSource> => {
    // A kiosk assigned a moment ago through another node may not be in this node's read yet: an
    // alert must reach its pharmacy, so read again before raising it as a kiosk of no pharmacy.
    if (!deps.directory.cabinOf(kioskId)) await deps.directory.refresh();
    const cabin = deps.directory.cabinOf(kioskId);
    return { kioskId, pharmacyId: cabin?.pharmacy.id ?? null, cabinLabel: cabin?.label ?? kioskId };
  };

  app.post(
    PLATFORM_API.alerts,
    { onRequest: kiosk.onRequest, schema: { body: RaiseAlertRequest } },
    async (request, reply) => {
      try {
        return await deps.alerts.raise(await sourceOf(kiosk.of(request).kioskId), request.body);
      } catch (error) {
        if (error instanceof SignalFailure) return sendError(reply, 403, error.code, error.message);
        throw error;
      }
    },
  );

  app.get(
    `${PLATFORM_API.alerts}/:alertId`,
    { onRequest: kiosk.onRequest, schema: { params: AlertIdParams, querystring: AlertWatchQuery } },
    async (request, reply) => {
      const { kioskId } = kiosk.of(request);
      const answer = await deps.alerts.watch(
        kioskId,
        request.params.alertId,
        request.query.after,
        deps.pollMs ?? ALERT_POLL_MS,
      );
      return answer ?? sendError(reply, 404, 'unknown-alert', UNKNOWN);
    },
  );

  app.post(
    `${PLATFORM_API.alerts}/:alertId/resolve`,
    { onRequest: kiosk.onRequest, schema: { params: AlertIdParams } },
    (request, reply) => {
      const answer = deps.alerts.resolve(kiosk.of(request).kioskId, request.params.alertId);
      return answer ?? sendError(reply, 404, 'unknown-alert', UNKNOWN);
    },
  );
}
