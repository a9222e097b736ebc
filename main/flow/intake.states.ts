/**
 * The patient's answers before the waiting room: care pathway, locality (refusable once, with the
 * reimbursement warning), consent (recorded before going on), reason and contact.
 */
export const intakeStates = {
  'care-pathway': { on: { CARE_PATHWAY_SUBMIT: { target: 'locality', actions: 'setCarePathway' } } },
  locality: {
    on: {
      LOCALITY_SUBMIT: { target: 'consent', actions: 'setLocality' },
      LOCALITY_REFUSE: [{ guard: 'localityAlreadyRefused', target: 'consent' }, { actions: 'refuseLocality' }],
      BACK: 'care-pathway',
    },
  },
  consent: {
    on: {
      CONSENT_SUBMIT: { target: 'consent-saving', actions: 'setConsent' },
      BACK: 'locality',
    },
  },
  /** Transient: the answer goes on only once the store has it. */
  'consent-saving': {
    always: [
      // A booked patient checking in: the booking's answers stand (issue 17).
      { guard: 'answeredAtBooking', target: 'waiting' },
      { guard: 'consentGiven', target: 'reason' },
      { guard: 'consentRefused', target: 'consent-refused' },
      { target: 'consent' },
    ],
  },
  'consent-refused': { on: { BACK: { target: 'consent', actions: 'clearOutcome' }, FINISH: 'goodbye' } },
  reason: { on: { REASON_SUBMIT: { target: 'contact', actions: 'setReason' }, BACK: 'consent' } },
  contact: {
    on: {
      CONTACT_SUBMIT: { guard: 'contactValid', target: 'when', actions: 'setContactAndSaveIntake' },
      BACK: 'reason',
    },
  },
} as const;
