import type { MediaState } from '../../common/consultation/media-state';
import { paymentFor } from '../../common/flow/reimbursement';
import { flowAssign, flowAssignWith, type FlowDeps } from './flow-deps';

/** The waiting room, the call's state, its end and the rating. */
export function callActions({ at }: FlowDeps) {
  return {
    setQueue: flowAssign(({ context, event }) => {
      if (event.type !== 'QUEUE_UPDATED') return {};
      const queue = { position: event.position, wait: event.wait, updatedAt: at() };
      const { checkedIn } = context.appointment;
      // The booked doctor is not coming (cancelled, or gone): now in the live queue, said on the screen.
      if (!event.bookingEnded || !checkedIn) return { queue };
      const ended = { doctorName: checkedIn.doctorName, startsAt: checkedIn.startsAt, why: event.bookingEnded };
      return { queue, appointment: { ...context.appointment, checkedIn: null, ended } };
    }),
    enterConsultation: flowAssign({ reachedConsultation: true, call: { state: 'connected' as const } }),
    callState: flowAssignWith<{ state: MediaState }>((_, params) => ({ call: { state: params.state } })),
    endCall: flowAssign(({ context, event }) => ({
      call: { state: 'ended' as const },
      measurement: null,
      prescription: event.type === 'DOCTOR_ENDED_CALL' ? event.prescription : null,
      payment: paymentFor(context.carePathway.reimbursement),
      outcome: 'completed' as const,
    })),
    setSteppedAway: flowAssign({
      away: ({ context, event }) =>
        event.type === 'STEPPED_AWAY'
          ? {
              ticket: event.ticket,
              holdMinutes: event.holdMinutes,
              portalOpen: event.portalOpen,
              phoneGiven: event.phoneGiven,
            }
          : context.away,
    }),
    setRating: flowAssign({ rating: ({ event }) => (event.type === 'RATE' ? event.stars : null) }),
  };
}
