import type { z } from 'zod';
import type { FlowView } from '../../common/flow/flow-view';
import {
  APPOINTMENTS_API,
  AppointmentChoices,
  BookingAnswer,
  CheckInAnswer,
  type AppointmentTicket,
  type BookedIntake,
} from '../../common/routing/appointments';
import type { TicketPrint } from '../../common/flow/appointment-view';
import { ageInYears } from '../../common/util/dates';
import { createLogger } from '../../common/util/logger';
import type { KioskConfig } from '../../kiosk-config/schema';
import { HandlerError } from '../ipc/dispatch';
import type { PlatformCredential } from '../platform-credential';
import type { FlowService } from '../flow/flow-service';

const log = createLogger('kiosk:main:appointments');

export interface KioskAppointmentsOptions {
  config: Pick<KioskConfig, 'platform' | 'site'>;
  credential: Pick<PlatformCredential, 'require' | 'refused'>;
  fetch: typeof fetch;
  flow: Pick<FlowService, 'view' | 'appointmentEvent'>;
  /** Prints a booking's ticket on the cabin's printer (main/printing); null when the cabin has none. */
  printing?: { printTicket: ((ticket: AppointmentTicket) => Promise<TicketPrint>) | null };
}

/** POSTs to the platform with the kiosk's credential; a 409 is an answer when `ok409`. */
function platformPoster(options: KioskAppointmentsOptions) {
  const base = options.config.platform.url.replace(/^ws(s?):/, 'http$1:').replace(/\/$/, '');
  async function post<T extends z.ZodType>(path: string, body: unknown, schema: T, ok409 = false): Promise<z.infer<T>> {
    let credential: string;
    try {
      credential = options.credential.require();
    } catch (error) {
      throw new HandlerError('no-credential', (error as Error).message);
    }
    let response: Response;
    try {
      response = await options.fetch(`${base}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      log.warn(`appointments: platform unreachable (${(error as Error).name})`);
      throw new HandlerError('platform-unreachable', 'the platform cannot be reached');
    }
    if (!response.ok && !(ok409 && response.status === 409)) {
      log.warn(`appointments: platform refused (${response.status})`);
      if (response.status === 401)
        options.credential.refused(((await response.json().catch(() => null)) as { error?: unknown } | null)?.error);
      throw new HandlerError('platform-refused', `the platform refused (HTTP ${response.status})`);
    }
    const parsed = schema.safeParse(await response.json().catch(() => null));
    if (!parsed.success) throw new HandlerError('platform-refused', 'the platform answered something unexpected');
    return parsed.data;
  }
  return post;
}

/**
 * The booked ticket into the flow (the ticket screen), then to the cabin's printer: the screen says
 * "printed" only once the printer finished the job, or says what to do instead.
 */
function showTicket(options: KioskAppointmentsOptions, answer: Extract<BookingAnswer, { ok: true }>): void {
  const printTicket = options.printing?.printTicket;
  options.flow.appointmentEvent({
    type: 'APPOINTMENT_BOOKED',
    ticket: {
      ...answer.ticket,
      reminder: answer.reminder,
      reminderHours: answer.reminderHours ?? null,
      print: printTicket ? 'printing' : 'unavailable',
    },
  });
  if (printTicket)
    void printTicket(answer.ticket).then((print) => options.flow.appointmentEvent({ type: 'TICKET_PRINTED', print }));
}

/** What the kiosk may check in with: the ticket's token, the booking's code, or the card in the reader. */
export type CheckInByKiosk = { token: string } | { code: string } | { card: number | null };

const intakeOfAnswer = (answer: CheckInAnswer) => (answer.ok ? answer.intake : (answer.intake ?? null));

function intakeOf(view: FlowView): BookedIntake {
  if (!view.sessionId || !view.reason.specialty) throw new HandlerError('no-session', 'no reason given yet');
  return {
    identity: view.identification.identity,
    carePathway: view.carePathway.answers,
    locality: view.locality.value,
    reason: { specialty: view.reason.specialty, text: view.reason.text },
    contact: view.contact,
  };
}

/**
 * The kiosk's side of the appointments (issue 17): the choices after the reason, the booking and
 * the check-in, asked of the platform with the kiosk's credential. The patient's answers come from
 * the flow here in main, never from the screens; the platform's answers go into the flow as system
 * events (a screen cannot fake a ticket or a check-in). Errors are HandlerErrors:
 * 'no-session', 'no-credential', 'platform-unreachable', 'platform-refused'.
 */
export function kioskAppointments(options: KioskAppointmentsOptions) {
  const post = platformPoster(options);
  const territory = options.config.site.territory;

  return {
    /** The three choices for the session's reason; `ownDoctorRpps` is the médecin traitant the patient typed. */
    async getAppointmentChoices(request: { ownDoctorRpps?: string }): Promise<AppointmentChoices> {
      const view = options.flow.view();
      const intake = intakeOf(view);
      const birth = intake.identity?.birthDate;
      return post(
        APPOINTMENTS_API.kioskChoices,
        {
          territory,
          specialty: intake.reason.specialty,
          ageYears: birth ? ageInYears(birth, new Date()) : 0,
          ...(request.ownDoctorRpps && { ownDoctorRpps: request.ownDoctorRpps }),
        },
        AppointmentChoices,
      );
    },

    /** Books a slot; on success the flow shows the ticket. A refusal comes back with the next slots. */
    async bookAppointment(request: { doctorId: string; startsAt: string; remind: boolean }): Promise<BookingAnswer> {
      const intake = intakeOf(options.flow.view());
      const answer = await post(APPOINTMENTS_API.kioskBook, { territory, ...request, intake }, BookingAnswer, true);
      if (!answer.ok) return answer;
      showTicket(options, answer);
      return answer;
    },

    /**
     * Check-in (issue 17 item 3): the ticket's QR code read at the camera, the booking's short code
     * typed, or the Carte Vitale in the reader (`card`: which beneficiary, null for the card's one
     * identity; the NIR is taken from the card as main read it, never from the screen). The flow goes
     * on with the platform's answer; a card without a booking goes on as a walk-in.
     */
    async checkInAppointment(request: CheckInByKiosk): Promise<CheckInAnswer> {
      const view = options.flow.view();
      if (view.step !== 'check-in') throw new HandlerError('no-session', 'not at the check-in step');
      if (!('card' in request)) {
        const answer = await post(APPOINTMENTS_API.kioskCheckIn, request, CheckInAnswer);
        options.flow.appointmentEvent({ type: 'APPOINTMENT_CHECK_IN', answer, intake: intakeOfAnswer(answer) });
        return answer;
      }
      const { identity, beneficiaries } = view.identification;
      const holder = request.card === null ? identity : beneficiaries?.beneficiaries[request.card];
      if (!holder) throw new HandlerError('no-card', 'no card identity to look the booking up with');
      const answer = await post(APPOINTMENTS_API.kioskCheckIn, { nir: holder.nir }, CheckInAnswer);
      options.flow.appointmentEvent({
        type: 'APPOINTMENT_CHECK_IN',
        answer,
        intake: intakeOfAnswer(answer),
        cardHolder: request.card,
      });
      return answer;
    },
  };
}
