import { reimbursementFor } from '../../common/flow/reimbursement';
import { flowAssign, type FlowDeps } from './flow-deps';

/** Records the consent answer; without a recorded consent there is no call. */
function setConsent({ ports, at, store }: FlowDeps) {
  return flowAssign(({ context, event }) => {
    if (event.type !== 'CONSENT_SUBMIT' || context.sessionId === null) return {};
    const sessionId = context.sessionId;
    const consent = {
      textVersion: event.textVersion ?? context.consent.textVersion,
      teleconsultation: event.teleconsultation,
      secondaryUse: event.secondaryUse,
    };
    const shown = event.textSha256 && event.language ? { language: event.language, textSha256: event.textSha256 } : {};
    // Each secondary use's own answer, tied to its own text (absent from a screen that asked none).
    Object.assign(shown, event.uses ? { uses: event.uses } : {});
    if (!store('saveConsent', () => ports.store.saveConsent(sessionId, { ...consent, ...shown, at: at() }))) {
      // No call without a recorded consent: the answer stays open and the pharmacist is called.
      const pharmacistAlert = ports.alerts?.raise('help') ?? null;
      return { consent: { ...consent, teleconsultation: null }, helpRequested: true, pharmacistAlert };
    }
    return { consent, outcome: event.teleconsultation ? null : ('consent-refused' as const) };
  });
}

/** Stores the intake once the contact is given: the last of the patient's answers. */
function setContactAndSaveIntake({ ports, store }: FlowDeps) {
  return flowAssign(({ context, event }) => {
    if (event.type !== 'CONTACT_SUBMIT') return {};
    const contact = { email: event.email?.trim() || null, phone: event.phone?.replace(/[\s.-]/g, '') || null };
    const { sessionId } = context;
    const specialty = context.reason.specialty;
    if (sessionId !== null && specialty !== null) {
      store('saveIntake', () =>
        ports.store.saveIntake(sessionId, {
          carePathway: context.carePathway.answers,
          locality: context.locality.value,
          specialty,
          reason: context.reason.text,
          contact,
        }),
      );
    }
    return { contact };
  });
}

/** The patient's answers between identification and the waiting room. */
export function intakeActions(deps: FlowDeps) {
  return {
    setCarePathway: flowAssign({
      carePathway: ({ event }) =>
        event.type === 'CARE_PATHWAY_SUBMIT'
          ? { answers: event.answers, reimbursement: reimbursementFor(event.answers) }
          : { answers: null, reimbursement: null },
    }),
    setLocality: flowAssign({
      locality: ({ event }) => ({
        value: event.type === 'LOCALITY_SUBMIT' ? event.value.trim() : null,
        refused: false,
      }),
    }),
    refuseLocality: flowAssign({ locality: { value: null, refused: true } }),
    setConsent: setConsent(deps),
    clearOutcome: flowAssign({ outcome: null }),
    setReason: flowAssign({
      reason: ({ context, event }) =>
        event.type === 'REASON_SUBMIT' ? { specialty: event.specialty, text: event.text.trim() } : context.reason,
      carePathway: ({ context, event }) =>
        // The specialty can make the pathway respected (direct access): recompute the information.
        event.type === 'REASON_SUBMIT' && context.carePathway.answers
          ? {
              answers: context.carePathway.answers,
              reimbursement: reimbursementFor(context.carePathway.answers, event.specialty),
            }
          : context.carePathway,
    }),
    setContactAndSaveIntake: setContactAndSaveIntake(deps),
  };
}
