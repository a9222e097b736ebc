import type { FlowOutcome } from '../../common/records/session-outcome';
import { seconds } from './delays';
import { emptyContext } from './flow-context';
import { flowAssign, flowAssignWith, type FlowDeps } from './flow-deps';

/** Closes the session in the store (once) and forgets everything about the patient. */
function closeAndWipe({ ports, sessionEvents, at, store }: FlowDeps) {
  return flowAssignWith<{ outcome: FlowOutcome }>(({ context }, params) => {
    const { sessionId } = context;
    if (sessionId !== null) {
      const outcome = context.outcome ?? params.outcome;
      store('closeSession', () =>
        ports.store.closeSession(sessionId, {
          endedAt: at(),
          outcome,
          prescriptionNumber: context.prescription?.number ?? null,
          rating: context.rating,
        }),
      );
      sessionEvents?.closed({ sessionId, outcome, assisted: context.reachedConsultation });
    } else if (params.outcome === 'emergency') {
      // Stopped before identification: nothing stored, but the pharmacist's counters show it.
      sessionEvents?.closed({ sessionId: null, outcome: 'emergency', assisted: false });
    }
    // The alert stays on the portals until acknowledged; this cabin's next patient is told nothing of it.
    ports.alerts?.forget();
    return {
      ...emptyContext({ hygieneDue: context.hygieneDue, consentTextVersion: context.consent.textVersion }),
      card: context.card,
    };
  });
}

/** Opening and closing the session, help, the hygiene checklist and the idle warning. */
export function sessionActions(deps: FlowDeps) {
  const { ports, delays, sessionEvents, at, store } = deps;
  return {
    openSession: flowAssign(({ context }) => {
      // Coming back to the card screen keeps the session opened the first time.
      if (context.sessionId !== null) return {};
      const id = ports.ids.next();
      store('openSession', () => ports.store.openSession({ id, kioskId: ports.kioskId, startedAt: at() }));
      sessionEvents?.opened(id);
      return { sessionId: id, hygieneDue: true, card: context.card?.state === 'error' ? null : context.card };
    }),
    setOutcome: flowAssignWith<{ outcome: FlowOutcome }>((_, params) => ({ outcome: params.outcome })),
    closeAndWipe: closeAndWipe(deps),
    // The view takes the alert's state at once, so no screen shows a moment without it.
    requestHelp: flowAssign(() => ({ helpRequested: true, pharmacistAlert: ports.alerts?.raise('help') ?? null })),
    helpAnswered: flowAssign(() => {
      ports.alerts?.resolve();
      return { helpRequested: false, pharmacistAlert: null };
    }),
    raiseEmergencyAlert: flowAssign(() => ({ pharmacistAlert: ports.alerts?.raise('emergency') ?? null })),
    alertChanged: flowAssign(({ event }) => (event.type === 'ALERT_CHANGED' ? { pharmacistAlert: event.alert } : {})),
    hygieneConfirmed: flowAssign({ hygieneDue: false }),
    startIdleWarning: flowAssign({ idle: () => ({ warning: true, secondsLeft: seconds(delays.idleWipe) }) }),
    tickIdleWarning: flowAssign({
      idle: ({ context }) => ({ warning: true, secondsLeft: Math.max(0, (context.idle.secondsLeft ?? 1) - 1) }),
    }),
    clearIdleWarning: flowAssign({ idle: { warning: false, secondsLeft: null } }),
  };
}
