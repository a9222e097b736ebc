import { systemClock, type Clock } from '../../common/util/clock';
import type { HttpApp } from '../../http/http-server';
import type { CallCenter } from '../calls/call-center';
import type { PlatformAuth } from '../platform-auth';
import type { PlatformStores } from '../platform-stores';
import type { SmsSender } from '../notify/sms-gateway';
import { cancellationHooks } from './appointment-cancellation';
import { AppointmentReminders, type PlaceOf, type TextMailer } from './appointment-reminder';
import { registerDoctorAppointmentRoutes, registerKioskAppointmentRoutes } from './appointment-routes';
import { AppointmentService } from './appointment-service';
import { sharedCodeAttempts } from './booking-code';
import { registerPharmacyAppointmentRoutes, type PharmacyAppointmentDeps } from './pharmacy-appointment-routes';

/**
 * The appointments (issue 17), composed: the service on the records database and the platform's
 * clock, the kiosk's, the doctor's and the pharmacist's routes.
 */
export function openAppointments(
  app: HttpApp,
  deps: {
    stores: PlatformStores;
    auth: PlatformAuth;
    calls: CallCenter;
    clock?: Clock;
    mailer?: TextMailer | null;
    sms?: SmsSender | null;
    /** Hours before the slot a reminder goes (PLATFORM_REMINDER_HOURS; default 24). */
    reminderHours?: number;
    pharmacy: Omit<PharmacyAppointmentDeps, 'appointments'>;
  },
): AppointmentService {
  const { stores, auth, calls } = deps;
  const place: PlaceOf = (kioskId) => {
    const cabin = deps.pharmacy.directory.cabinOf(kioskId);
    return cabin ? { pharmacy: cabin.pharmacy.name, cabin: cabin.label } : null;
  };
  // The doctors' consoles fetch their appointments again on each queue push: a lost slot shows at once.
  const missed = () => calls.board.publish();
  const appointments: AppointmentService = new AppointmentService(
    stores.appointments,
    auth.ticketTokens,
    deps.clock ?? systemClock,
    missed,
    // On a cluster the wrong codes are counted in Redis, for all nodes together.
    auth.shared.onRedis ? sharedCodeAttempts(auth.shared.limiter) : undefined,
    cancellationHooks({
      rooms: calls.bookedRooms,
      mailer: deps.mailer ?? null,
      sms: deps.sms ?? null,
      place,
      nextSlot: async (a) =>
        (await appointments.slots({ kioskId: a.kioskId, territory: a.territory, specialty: a.specialty }, 1))[0] ??
        null,
      changed: missed,
    }),
  );
  // Reminders by e-mail and SMS, sent before the slot on the platform's clock, from storage.
  const reminders = new AppointmentReminders({
    store: stores.appointments,
    clock: deps.clock ?? systemClock,
    mailer: deps.mailer ?? null,
    sms: deps.sms ?? null,
    place,
    ...(deps.reminderHours !== undefined && { hoursBefore: deps.reminderHours }),
  });
  reminders.start();
  const routeDeps = {
    appointments,
    kioskCredentials: auth.kioskCredentials,
    sessions: auth.sessions,
    accounts: auth.accounts,
    liveWait: (routed: Parameters<CallCenter['board']['estimateForNewcomer']>[0]) =>
      calls.board.estimateForNewcomer(routed),
    reminders,
  };
  registerKioskAppointmentRoutes(app, routeDeps);
  registerDoctorAppointmentRoutes(app, routeDeps);
  registerPharmacyAppointmentRoutes(app, { appointments, ...deps.pharmacy });
  return appointments;
}

/** The call center's lookup of a checked-in appointment (the booked doctor's waiting room). */
export function bookedAppointmentOf(stores: PlatformStores) {
  return async (kioskId: string, appointmentId: string) => {
    const a = await stores.appointments.get(appointmentId);
    return a && a.kioskId === kioskId && a.status === 'checked-in'
      ? { doctorId: a.doctorId, startsAt: a.startsAt }
      : null;
  };
}
