import { NO_APPOINTMENT } from '../../common/flow/appointment-view';
import { reimbursementFor } from '../../common/flow/reimbursement';
import type { BookedIntake, CheckInAnswer } from '../../common/routing/appointments';
import type { FlowContext, FlowEvent } from './flow-context';
import { flowAssign, type FlowDeps } from './flow-deps';

interface GuardArgs {
  context: FlowContext;
  event: FlowEvent;
}

/** The booking's answers, back in the session: nothing the patient said at booking is asked again. */
function fromIntake(intake: BookedIntake): Partial<FlowContext> {
  return {
    identity: intake.identity,
    carePathway: {
      answers: intake.carePathway,
      reimbursement: intake.carePathway ? reimbursementFor(intake.carePathway) : null,
    },
    locality: { value: intake.locality, refused: intake.locality === null },
    reason: intake.reason,
    contact: intake.contact,
  };
}

/** A refusal after which the booking's answers carry the patient on to the live queue (late, or cancelled). */
function goesLive(answer: CheckInAnswer): boolean {
  return !answer.ok && (answer.refusal === 'late' || answer.refusal === 'cancelled');
}

/** The live queue offered after a late or cancelled check-in: the wait now, and the reason of a cancellation. */
function lateOf(answer: CheckInAnswer & { ok: false }) {
  return {
    startsAt: answer.startsAt ?? '',
    now: answer.now ?? { kind: 'no-doctor' as const },
    ...(answer.cancelReason && { cancelReason: answer.cancelReason }),
  };
}

export const appointmentGuards = {
  checkInAccepted: ({ event }: GuardArgs) => event.type === 'APPOINTMENT_CHECK_IN' && event.answer.ok,
  /** Late, or cancelled by the doctor: the booking's answers stand, the live queue is offered with its wait. */
  checkInLate: ({ event }: GuardArgs) =>
    event.type === 'APPOINTMENT_CHECK_IN' && !event.answer.ok && goesLive(event.answer) && event.intake !== null,
  checkingIn: ({ context }: GuardArgs) => context.appointment.checkingIn,
  cardWithoutBooking: ({ event }: GuardArgs) =>
    event.type === 'APPOINTMENT_CHECK_IN' &&
    event.cardHolder !== undefined &&
    !event.answer.ok &&
    event.answer.refusal === 'no-booking',
  /**
   * A booking made at the pharmacy's counter or by phone carries no identity (the portal never
   * takes one): the patient identifies here, with the card or typed details, as a walk-in does.
   */
  bookedWithoutIdentity: ({ context, event }: GuardArgs) =>
    event.type === 'APPOINTMENT_CHECK_IN'
      ? (event.answer.ok || goesLive(event.answer)) && event.intake !== null && event.intake.identity === null
      : context.identity === null,
  /**
   * Consent given again at check-in: the identity, reason and contact are the booking's (a counter
   * booking's identity was just given here), straight to the waiting room.
   */
  answeredAtBooking: ({ context }: GuardArgs) =>
    context.consent.teleconsultation === true &&
    (context.appointment.checkedIn !== null || context.appointment.late !== null) &&
    context.identity !== null,
};

export function appointmentActions({ ports, store }: FlowDeps) {
  return {
    startCheckIn: flowAssign({ appointment: { ...NO_APPOINTMENT, checkingIn: true } }),
    leaveCheckIn: flowAssign({ appointment: NO_APPOINTMENT }),
    /** The card's holder who has no booking: the chosen beneficiary, or the card's one identity. */
    takeCardHolder: flowAssign(({ context, event }) => {
      if (event.type !== 'APPOINTMENT_CHECK_IN' || event.cardHolder === undefined) return {};
      const chosen =
        event.cardHolder === null ? context.identity : context.beneficiaries?.beneficiaries[event.cardHolder];
      return { identity: chosen ?? null };
    }),
    /** Another slot instead of the live queue: the journey goes through the reason to the choice of when. */
    forgetLate: flowAssign(({ context }) => ({ appointment: { ...context.appointment, late: null } })),
    clearCheckInRefusal: flowAssign(({ context }) => ({ appointment: { ...context.appointment, refusal: null } })),
    setTicket: flowAssign(({ context, event }) =>
      event.type === 'APPOINTMENT_BOOKED' ? { appointment: { ...context.appointment, ticket: event.ticket } } : {},
    ),
    setTicketPrint: flowAssign(({ context, event }) => {
      const { ticket } = context.appointment;
      return event.type === 'TICKET_PRINTED' && ticket
        ? { appointment: { ...context.appointment, ticket: { ...ticket, print: event.print } } }
        : {};
    }),
    applyCheckIn: flowAssign(({ context, event }) => {
      if (event.type !== 'APPOINTMENT_CHECK_IN') return {};
      const { answer, intake } = event;
      const base = { ...context.appointment, refusal: null };
      if (answer.ok || (goesLive(answer) && intake)) {
        const { sessionId } = context;
        const booked = intake!;
        if (sessionId !== null) {
          if (booked.identity) store('saveIdentity', () => ports.store.saveIdentity(sessionId, booked.identity!));
          store('saveIntake', () =>
            ports.store.saveIntake(sessionId, {
              carePathway: booked.carePathway,
              locality: booked.locality,
              specialty: booked.reason.specialty,
              reason: booked.reason.text,
              contact: booked.contact,
            }),
          );
        }
        const appointment = answer.ok
          ? {
              ...base,
              checkedIn: {
                appointmentId: answer.appointmentId,
                doctorName: answer.doctorName,
                startsAt: answer.startsAt,
              },
            }
          : { ...base, late: lateOf(answer) };
        return { ...fromIntake(booked), appointment };
      }
      return { appointment: { ...base, refusal: answer.ok ? null : answer.refusal } };
    }),
  };
}
