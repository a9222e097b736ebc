/**
 * The appointments' steps (issue 17): after the reason and contact, the choice of when (now, a
 * slot, one's own doctor); the booking's ticket; and the check-in of a booked patient, who answers
 * the emergency question, shows the ticket, gives consent again, and waits for their doctor.
 */
export const appointmentStates = {
  when: {
    on: {
      WHEN_NOW: 'waiting',
      // Booked by main (main/appointments) once the platform took it: the renderer cannot fake a ticket.
      APPOINTMENT_BOOKED: { target: 'booked', actions: 'setTicket' },
      BACK: 'contact',
    },
  },
  // Shown long enough to take the ticket; the patient leaves, the session is closed and wiped.
  booked: { on: { FINISH: 'goodbye', TICKET_PRINTED: { actions: 'setTicketPrint' } } },
  'check-in': {
    entry: 'openSession',
    on: {
      // The Carte Vitale finds the booking too: the card is read here, its holder (chosen on the
      // screen when the card carries several) is looked up by main (main/appointments).
      CARD_READ: [{ guard: 'cardNeedsChoice', actions: 'setCardBeneficiaries' }, { actions: 'setCardIdentity' }],
      CARD_FAILED: { actions: 'setCardError' },
      APPOINTMENT_CHECK_IN: [
        // The card's holder has no booking here: the walk-in journey with the identity just read.
        { guard: 'cardWithoutBooking', target: 'identity-confirm', actions: ['leaveCheckIn', 'takeCardHolder'] },
        { guard: 'bookedWithoutIdentity', target: 'identify', actions: 'applyCheckIn' },
        { guard: 'checkInAccepted', target: 'consent', actions: 'applyCheckIn' },
        { guard: 'checkInLate', target: 'check-in-late', actions: 'applyCheckIn' },
        { actions: 'applyCheckIn' },
      ],
      CHECK_IN_RETRY: { actions: 'clearCheckInRefusal' },
      // No booking to go on with: the walk-in journey (the card, read again there, or the typed details).
      CHECK_IN_WALK_IN: { target: 'identify', actions: ['leaveCheckIn', 'clearIdentity', 'readCardInReader'] },
    },
  },
  // The slot is lost (or cancelled); the answers of the booking stand, consent is asked again before
  // the live queue — or before the reason, contact and choice of another slot (prefilled).
  'check-in-late': {
    on: {
      JOIN_LIVE_QUEUE: [{ guard: 'bookedWithoutIdentity', target: 'identify' }, 'consent'],
      CHECK_IN_OTHER_SLOT: [
        { guard: 'bookedWithoutIdentity', target: 'identify', actions: 'forgetLate' },
        { target: 'consent', actions: 'forgetLate' },
      ],
      FINISH: 'goodbye',
    },
  },
} as const;
