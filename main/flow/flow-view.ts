import type { SnapshotFrom, StateValue } from 'xstate';
import { FLOW_STEPS, type FlowStep, type FlowView } from '../../common/flow/flow-view';
import type { PatientFlowMachine } from './patient-flow.machine';

const STEPS: ReadonlySet<string> = new Set(FLOW_STEPS);

/** The journey's step: `welcome`, `cabin-not-ready`, or the session's child state (consultation's children are phases). */
export function stepOf(value: StateValue): FlowStep {
  const journey = typeof value === 'object' ? value.journey : undefined;
  const name =
    typeof journey === 'string'
      ? journey
      : journey && typeof journey === 'object'
        ? sessionChild(journey.session)
        : undefined;
  if (name === undefined || !STEPS.has(name)) throw new Error(`flow state has no step: ${JSON.stringify(value)}`);
  return name as FlowStep;
}

function sessionChild(session: StateValue | undefined): string | undefined {
  if (typeof session === 'string') return session;
  return session ? Object.keys(session)[0] : undefined;
}

/** The screens' view of a snapshot: plain data, only what the current session holds. */
export function toFlowView(snapshot: SnapshotFrom<PatientFlowMachine>): FlowView {
  const c = snapshot.context;
  return {
    step: stepOf(snapshot.value),
    sessionId: c.sessionId,
    idle: c.idle,
    helpRequested: c.helpRequested,
    pharmacistAlert: c.pharmacistAlert,
    identification: {
      card: c.card,
      identity: c.identity,
      beneficiaries: c.beneficiaries,
      manualErrors: c.manualErrors,
    },
    carePathway: c.carePathway,
    locality: c.locality,
    consent: c.consent,
    reason: c.reason,
    contact: c.contact,
    queue: c.queue,
    call: c.call,
    measurement: c.measurement,
    auscultation: c.auscultation,
    examCamera: c.examCamera,
    recorded: c.recorded,
    prescription: c.prescription,
    payment: c.payment,
    rating: c.rating,
    away: c.away,
    appointment: c.appointment,
  };
}
