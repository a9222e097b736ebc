import { z } from 'zod';
import {
  APPOINTMENTS_API,
  BookedIntake,
  PharmacySlotsRequest,
  type AppointmentListItem,
} from '../../common/routing/appointments';
import { Territory } from '../../common/routing/territory';
import type { PharmacistInfo } from '../../common/signaling/messages';
import { sendError, type HttpApp } from '../../http/http-server';
import { requestGuard } from '../../http/request-guard';
import type { BearerSessions } from '../auth/bearer-sessions';
import type { PharmacyDirectory } from '../pharmacy/pharmacy-directory';
import type { AppointmentService } from './appointment-service';
import { listItem } from './appointment-routes';
import { parisInstant } from './paris-time';

export interface PharmacyAppointmentDeps {
  appointments: AppointmentService;
  sessions: BearerSessions<PharmacistInfo>;
  directory: PharmacyDirectory;
}

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

function pharmacistGuard(sessions: BearerSessions<PharmacistInfo>) {
  return requestGuard(
    async (request) => (await sessions.fromAuthorization(request.headers.authorization))?.holder ?? null,
    {
      status: 401,
      error: 'unauthorised',
      message: 'pharmacist session missing or expired: sign in again',
    },
  );
}

/**
 * The pharmacist's portal (issue 17 item 5): each cabin's day (the appointments that block it) and
 * a booking for a patient at the counter or on the phone, on one of the pharmacy's own cabins only.
 */
export function registerPharmacyAppointmentRoutes(app: HttpApp, deps: PharmacyAppointmentDeps): void {
  const pharmacist = pharmacistGuard(deps.sessions);

  app.get(
    APPOINTMENTS_API.pharmacyDay,
    { onRequest: pharmacist.onRequest, schema: { querystring: z.object({ day: Day }) } },
    async (request) => {
      const [y, m, d] = request.query.day.split('-').map(Number) as [number, number, number];
      const from = parisInstant(y, m, d, 0, 0);
      const to = parisInstant(y, m, d + 1, 0, 0);
      const cabins = deps.directory.cabins(pharmacist.of(request).pharmacy.id);
      const day: { kioskId: string; label: string; appointments: AppointmentListItem[] }[] = await Promise.all(
        cabins.map(async (cabin) => ({
          kioskId: cabin.kioskId,
          label: cabin.label,
          appointments: (await deps.appointments.ofKiosk(cabin.kioskId, from, to)).map(listItem),
        })),
      );
      return { day: request.query.day, cabins: day };
    },
  );

  app.post(
    APPOINTMENTS_API.pharmacyDay,
    {
      onRequest: pharmacist.onRequest,
      schema: {
        // The platform does not hold a cabin's département (the kiosk config does): the portal sends it.
        body: z.object({
          kioskId: z.string(),
          territory: Territory,
          doctorId: z.string(),
          startsAt: z.iso.datetime(),
          intake: BookedIntake,
        }),
      },
    },
    async (request, reply) => {
      const { kioskId, territory, doctorId, startsAt, intake } = request.body;
      const own = pharmacist.of(request).pharmacy.id;
      if (deps.directory.pharmacyOf(kioskId) !== own)
        return sendError(reply, 403, 'forbidden', 'only your own pharmacy’s cabins can be booked');
      const query = { kioskId, territory, specialty: intake.reason.specialty };
      const booked = await deps.appointments.book({
        query,
        doctorId,
        startsAt: Date.parse(startsAt),
        patient: intake,
        bookedBy: 'pharmacist',
      });
      if (!booked.ok)
        return reply
          .code(409)
          .send({ ok: false, refusal: booked.refusal, slots: await deps.appointments.slots(query, 6) });
      return { ok: true, ticket: booked.ticket };
    },
  );

  registerPharmacySlots(app, deps, pharmacist);
}

/** The slots the counter can offer before booking: the same ones the kiosk offers for that cabin. */
function registerPharmacySlots(
  app: HttpApp,
  deps: PharmacyAppointmentDeps,
  pharmacist: ReturnType<typeof pharmacistGuard>,
): void {
  app.post(
    APPOINTMENTS_API.pharmacySlots,
    { onRequest: pharmacist.onRequest, schema: { body: PharmacySlotsRequest } },
    async (request, reply) => {
      const { kioskId, territory, specialty } = request.body;
      if (deps.directory.pharmacyOf(kioskId) !== pharmacist.of(request).pharmacy.id)
        return sendError(reply, 403, 'forbidden', 'only your own pharmacy’s cabins can be booked');
      return { slots: await deps.appointments.slots({ kioskId, territory, specialty }, 6) };
    },
  );
}
