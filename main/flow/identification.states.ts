/**
 * From the emergency question to the confirmed identity: the red-flag screen (an emergency stops
 * the session), then the Carte Vitale or the typed details, shown back to the patient.
 */
export const identificationStates = {
  emergency: {
    on: {
      EMERGENCY_NONE: [
        { guard: 'checkingIn', target: 'check-in', actions: 'readCardInReader' },
        { target: 'identify', actions: 'readCardInReader' },
      ],
      EMERGENCY_PRESENT: 'emergency-stop',
    },
  },
  'emergency-stop': {
    // The screen says 15/112 in any case; the pharmacist is told too, and the screen says what came of it.
    entry: 'raiseEmergencyAlert',
    after: {
      emergencyStop: {
        target: `#flow.journey.welcome`,
        actions: { type: 'closeAndWipe', params: { outcome: 'emergency' } },
      },
    },
    on: {
      FINISH: {
        target: `#flow.journey.welcome`,
        actions: { type: 'closeAndWipe', params: { outcome: 'emergency' } },
      },
    },
  },
  identify: {
    entry: 'openSession',
    on: {
      CARD_READ: [
        { guard: 'cardNeedsChoice', target: 'identify-choose', actions: 'setCardBeneficiaries' },
        { target: 'identity-confirm', actions: 'setCardIdentity' },
      ],
      CARD_FAILED: { actions: 'setCardError' },
      RETRY_CARD: { actions: 'clearCardError' },
      TYPE_DETAILS: 'identify-manual',
    },
  },
  'identify-choose': {
    on: {
      CHOOSE_BENEFICIARY: { guard: 'beneficiaryExists', target: 'identity-confirm', actions: 'chooseBeneficiary' },
      // None of them (or the patient's own block was unreadable): the typed path, provisional identity.
      TYPE_DETAILS: { target: 'identify-manual', actions: 'clearIdentity' },
      BACK: { target: 'identify', actions: 'clearIdentity' },
    },
  },
  'identify-manual': {
    on: {
      MANUAL_SUBMIT: [
        { guard: 'manualValid', target: 'identity-confirm', actions: 'setManualResult' },
        { actions: 'setManualResult' },
      ],
      // A card inserted while typing wins: it is read, not typed.
      CARD_READ: [
        { guard: 'cardNeedsChoice', target: 'identify-choose', actions: 'setCardBeneficiaries' },
        { target: 'identity-confirm', actions: 'setCardIdentity' },
      ],
      CARD_FAILED: { actions: 'setCardError' },
      BACK: 'identify',
    },
  },
  'identity-confirm': {
    on: {
      CONFIRM_IDENTITY: { target: 'care-pathway', actions: 'saveIdentity' },
      REJECT_IDENTITY: { target: 'identify-manual', actions: 'clearIdentity' },
      BACK: { target: 'identify', actions: 'clearIdentity' },
    },
  },
} as const;
