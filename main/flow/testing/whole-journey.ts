import type { FlowIntention } from '../../../common/flow/flow-intention';

/**
 * One whole patient journey as the screens send it, welcome → goodbye in 15 intentions (typed
 * identity, no measurement, a call that ends without prescription). After it, one more FINISH
 * returns to the welcome screen; the hygiene check then falls due.
 */
export const JOURNEY: readonly FlowIntention[] = [
  { type: 'START' },
  { type: 'EMERGENCY_NONE' },
  { type: 'TYPE_DETAILS' },
  { type: 'MANUAL_SUBMIT', lastName: 'Martin', firstName: 'Jeanne', birthDate: '12/05/1985', nir: '185057800608491' },
  { type: 'CONFIRM_IDENTITY' },
  {
    type: 'CARE_PATHWAY_SUBMIT',
    answers: { hasMedecinTraitant: true, referredByMedecinTraitant: true, exception: 'none', aldOrMaternity: false },
  },
  { type: 'LOCALITY_SUBMIT', value: '75011' },
  { type: 'CONSENT_SUBMIT', teleconsultation: true, secondaryUse: false },
  { type: 'REASON_SUBMIT', specialty: 'general-practice', text: 'toux' },
  { type: 'CONTACT_SUBMIT', email: null, phone: null },
  // Issue 17: the live queue rather than a slot.
  { type: 'WHEN_NOW' },
  { type: 'QUEUE_UPDATED', position: 1, wait: { kind: 'estimate', minutes: 3, doctorsOnDuty: 1 } },
  { type: 'DOCTOR_ACCEPTED' },
  { type: 'DOCTOR_ENDED_CALL', prescription: null },
  { type: 'FINISH' },
  { type: 'FINISH' },
];

/** The start of JOURNEY that takes a new session to the waiting room, before the platform speaks. */
export const JOURNEY_TO_WAITING: readonly FlowIntention[] = JOURNEY.slice(
  0,
  JOURNEY.findIndex((intention) => intention.type === 'QUEUE_UPDATED'),
);
