import { z } from 'zod';
import {
  APPOINTMENTS_API,
  BookedIntake as BookedIntakeSchema,
  BookingRequest,
  CancelReason,
  CheckInRequest,
  ChoicesRequest,
  SlotPlan,
  type AppointmentChoices,
  type AppointmentListItem,
  type BookedIntake,
  type BookingAnswer,
  type CheckInAnswer,
} from '../../common/routing/appointments';
import type { QueueWait } from '../../common/routing/queue-wait';
import { createLogger } from '../../common/util/logger';
import { sendError, type HttpApp } from '../../http/http-server';
import { requestGuard } from '../../http/request-guard';
import type { DoctorAccounts } from '../auth/doctor-accounts';
import type { DoctorSessions } from '../auth/doctor-sessions';
import type { KioskCredentials } from '../auth/kiosk-credentials';
import { kioskGuard } from '../api/platform-routes';
import type { AppointmentService, SlotQuery } from './appointment-service';
import type { Appointment } from './appointment-store';
import type { AppointmentReminders } from './appointment-reminder';

const log = createLogger('platform:appointments');

export interface AppointmentRouteDeps {
  appointments: AppointmentService;
  kioskCredentials: KioskCredentials;
  sessions: DoctorSessions;
  accounts: Pick<DoctorAccounts, 'scopeOf'>;
  /** The live queue's wait for a newcomer of this specialty and territory (the call center's board). */
  liveWait(routed: { specialty: SlotQuery['specialty']; territory: string }): QueueWait;
  reminders: AppointmentReminders;
}

/** "now" as the kiosk's choice shows it: the minutes, or no doctor on duty (never 0, never a guess). */
function nowChoice(wait: QueueWait): AppointmentChoices['now'] {
  if (wait.kind === 'estimate') return { kind: 'estimate', minutes: wait.minutes };
  // A doctor accepting this very moment is someone else's: a newcomer is told a minute at best.
  return wait.kind === 'doctor-coming' ? { kind: 'estimate', minutes: 1 } : { kind: 'no-doctor' };
}

export function listItem(a: Appointment): AppointmentListItem {
  return {
    id: a.id,
    doctorName: a.doctorName,
    kioskId: a.kioskId,
    startsAt: new Date(a.startsAt).toISOString(),
    endsAt: new Date(a.endsAt).toISOString(),
    specialty: a.specialty,
    status: a.status,
    bookedBy: a.bookedBy,
    cancelReason: a.cancelReason ?? null,
  };
}

/** The kiosk's side (issue 17 items 2 and 3): the three choices, booking, check-in. */
export function registerKioskAppointmentRoutes(app: HttpApp, deps: AppointmentRouteDeps): void {
  const kiosk = kioskGuard(deps.kioskCredentials);
  const { appointments } = deps;

  app.post(
    APPOINTMENTS_API.kioskChoices,
    { onRequest: kiosk.onRequest, schema: { body: ChoicesRequest } },
    async (request) => {
      const { kioskId } = kiosk.of(request);
      const { territory, specialty, ownDoctorRpps } = request.body;
      const query = { kioskId, territory, specialty };
      const own = ownDoctorRpps ? await appointments.doctorByRpps(ownDoctorRpps) : null;
      const answer: AppointmentChoices = {
        now: nowChoice(deps.liveWait({ specialty, territory })),
        slots: await appointments.slots(query, 6),
        ownDoctor: own ? { name: own.name, slots: await appointments.slots({ ...query, doctorId: own.id }, 6) } : null,
      };
      return answer;
    },
  );

  app.post(
    APPOINTMENTS_API.kioskBook,
    { onRequest: kiosk.onRequest, schema: { body: BookingRequest } },
    async (request, reply) => {
      const { kioskId } = kiosk.of(request);
      const { territory, doctorId, startsAt, intake, remind } = request.body;
      const query = { kioskId, territory, specialty: intake.reason.specialty };
      // The reminder is kept with the booking and sent by the scheduler before the slot (not now).
      const canRemind = remind && deps.reminders.canRemind(intake.contact);
      const booked = await appointments.book({
        query,
        doctorId,
        startsAt: Date.parse(startsAt),
        patient: canRemind ? { ...intake, reminder: 'asked' } : intake,
        bookedBy: 'kiosk',
      });
      if (!booked.ok) {
        const refused: BookingAnswer = {
          ok: false,
          refusal: booked.refusal,
          slots: await appointments.slots(query, 6),
        };
        return reply.code(409).send(refused);
      }
      log.info(`appointment ${booked.appointment.id} booked (kiosk ${kioskId})`);
      const reminder = !remind ? 'not-asked' : canRemind ? 'queued' : 'unavailable';
      const answer: BookingAnswer = {
        ok: true,
        ticket: booked.ticket,
        reminder,
        ...(reminder === 'queued' && { reminderHours: deps.reminders.hoursBefore() }),
      };
      return answer;
    },
  );
  registerCheckIn(app, deps, kiosk);
}

/** The ticket's QR code, the Carte Vitale or the booking's short code at the kiosk (issue 17 item 3). */
function registerCheckIn(app: HttpApp, deps: AppointmentRouteDeps, kiosk: ReturnType<typeof kioskGuard>): void {
  const { appointments } = deps;
  app.post(
    APPOINTMENTS_API.kioskCheckIn,
    { onRequest: kiosk.onRequest, schema: { body: CheckInRequest } },
    async (request) => {
      const { kioskId } = kiosk.of(request);
      const { body } = request;
      const result =
        'token' in body
          ? await appointments.checkIn(body.token, kioskId)
          : 'nir' in body
            ? await appointments.checkInByNir(body.nir, kioskId)
            : await appointments.checkInByCode(body.code, kioskId);
      const intake = result.appointment?.patient as BookedIntake | undefined;
      if (result.ok) {
        log.info(`appointment ${result.appointment.id} checked in (kiosk ${kioskId})`);
        const answer: CheckInAnswer = {
          ok: true,
          appointmentId: result.appointment.id,
          doctorName: result.appointment.doctorName,
          startsAt: new Date(result.appointment.startsAt).toISOString(),
          intake: intake!,
        };
        return answer;
      }
      log.info(`appointment check-in refused: ${result.refusal} (kiosk ${kioskId})`);
      // Only this kiosk's own booking gives its intake back (a late patient goes on to the live queue).
      const own = result.appointment && result.appointment.kioskId === kioskId ? result.appointment : null;
      // A counter booking's intake holds no answers: the patient then goes on as a walk-in.
      const ownIntake = own ? BookedIntakeSchema.safeParse(own.patient) : null;
      const answer: CheckInAnswer = {
        ok: false,
        refusal: result.refusal,
        ...(own?.cancelReason && { cancelReason: own.cancelReason }),
        ...(own &&
          ownIntake?.success && {
            intake: ownIntake.data,
            startsAt: new Date(own.startsAt).toISOString(),
            now: nowChoice(deps.liveWait({ specialty: own.specialty, territory: own.territory })),
          }),
      };
      return answer;
    },
  );
}

/** The doctor's whole day off: every appointment still to come today or waiting, cancelled with one reason. */
function registerCancelDay(app: HttpApp, deps: AppointmentRouteDeps, doctor: DoctorGuard): void {
  app.post(
    APPOINTMENTS_API.doctorCancelDay,
    { onRequest: doctor.onRequest, schema: { body: z.object({ reason: CancelReason }) } },
    async (request) => {
      const { doctor: me } = doctor.of(request);
      return { cancelled: await deps.appointments.cancelRestOfDay(me.id, request.body.reason) };
    },
  );
}

type DoctorGuard = ReturnType<typeof doctorGuard>;

function doctorGuard(deps: AppointmentRouteDeps) {
  return requestGuard((request) => deps.sessions.fromAuthorization(request.headers.authorization), {
    status: 401,
    error: 'unauthorised',
    message: 'doctor session missing or expired',
  });
}

/** The doctor's side (issue 17 item 1): publish slots, see and cancel their appointments. */
export function registerDoctorAppointmentRoutes(app: HttpApp, deps: AppointmentRouteDeps): void {
  const doctor = doctorGuard(deps);
  const { appointments } = deps;
  registerCancelDay(app, deps, doctor);

  app.get(APPOINTMENTS_API.doctorSlots, { onRequest: doctor.onRequest }, async (request) => {
    const { doctor: me } = doctor.of(request);
    return {
      plan: await appointments.planOf(me.id),
      appointments: (await appointments.ofDoctor(me.id)).map(listItem),
    };
  });

  app.put(
    APPOINTMENTS_API.doctorPlan,
    { onRequest: doctor.onRequest, schema: { body: SlotPlan } },
    async (request, reply) => {
      const { doctor: me } = doctor.of(request);
      const scope = await deps.accounts.scopeOf(me.id);
      if (!scope)
        return sendError(
          reply,
          409,
          'no-scope',
          'your account has no specialty or territory yet: ask the administrator',
        );
      await appointments.publishPlan(me, scope, request.body);
      return { plan: request.body };
    },
  );

  app.post(
    APPOINTMENTS_API.doctorCancel,
    {
      onRequest: doctor.onRequest,
      schema: { params: z.object({ id: z.string().max(64) }), body: z.object({ reason: CancelReason }) },
    },
    async (request, reply) => {
      const { doctor: me } = doctor.of(request);
      if (!(await appointments.cancel(me.id, request.params.id, request.body.reason)))
        return sendError(
          reply,
          404,
          'not-found',
          'no appointment of yours still to come or waiting with this id (lost, seen or cancelled already)',
        );
      return { cancelled: true };
    },
  );
}
