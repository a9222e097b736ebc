import { and, fromPromise, not, or, raise, setup, stateIn } from 'xstate';
import type { MeasurementKind } from '../../common/devices/kinds';
import { FLOW_STEPS, type FlowStep } from '../../common/flow/flow-view';
import { appointmentActions, appointmentGuards } from './appointment.actions';
import { appointmentStates } from './appointment.states';
import { auscultationActions } from './auscultation.actions';
import { examCameraActions } from './exam-camera.actions';
import { callActions } from './call.actions';
import { consultationStates } from './consultation.states';
import type { FlowDelays } from './delays';
import { emptyContext, type FlowContext, type FlowEvent, type FlowInput } from './flow-context';
import { flowDeps, type SessionEvents } from './flow-deps';
import { flowGuards } from './flow.guards';
import { identificationActions } from './identification.actions';
import { identificationStates } from './identification.states';
import { idleStates } from './idle.states';
import { intakeActions } from './intake.actions';
import { intakeStates } from './intake.states';
import { measurementDeviceActions, measurementPhaseActions } from './measurement.actions';
import type { FlowPorts } from './ports';
import { sessionActions } from './session.actions';

/** Steps where nobody is expected to touch the screen: no idle warning or wipe there. */
const UNWATCHED_STEPS: readonly FlowStep[] = [
  'welcome',
  'cabin-not-ready',
  'emergency-stop',
  'waiting',
  'away-ticket',
  'consultation',
  'goodbye',
];

/** Steps where a patient is expected to touch the screen: the idle warning and wipe apply there. */
export const IDLE_TRACKED_STEPS = FLOW_STEPS.filter((step) => !UNWATCHED_STEPS.includes(step));

const SESSION = '#flow.journey.session';

/**
 * The whole patient session (PRODUCT.md, "Patient" 1–10) as one machine. Two parallel regions:
 * `journey` (the steps) and `idle` (warning then wipe on the steps where a touch is expected).
 * Side effects go through `ports`; devices and cards arrive as events; all delays are named
 * (delays.ts). Store writes that fail are logged by type and the session goes on: the patient is
 * never stuck on a storage error, and the error is visible to the technician. The steps, actions
 * and guards live in one file per part of the journey (*.states.ts, *.actions.ts, flow.guards.ts).
 */
export function createPatientFlowMachine(ports: FlowPorts, delays: FlowDelays, sessionEvents?: SessionEvents) {
  const deps = flowDeps(ports, delays, sessionEvents);
  return setup({
    types: { context: {} as FlowContext, events: {} as FlowEvent, input: {} as FlowInput },
    delays: { ...delays },
    actors: {
      startMeasurement: fromPromise(async ({ input }: { input: { kind: MeasurementKind } }) =>
        ports.devices.startMeasurement(input.kind),
      ),
    },
    guards: {
      ...flowGuards(deps),
      ...appointmentGuards,
      idleApplies: or(IDLE_TRACKED_STEPS.map((step) => stateIn(`${SESSION}.${step}`))),
      hygieneDone: not('hygieneDue'),
      idleDoesNotApply: not('idleApplies'),
      oximetrySettling: and(['isOximetry', not('lastMeasurementSecond')]),
    },
    actions: {
      ...sessionActions(deps),
      raiseIdleTimeout: raise({ type: 'IDLE_TIMEOUT' }),
      ...identificationActions(deps),
      ...intakeActions(deps),
      ...callActions(deps),
      ...measurementPhaseActions(deps),
      ...measurementDeviceActions(deps),
      ...auscultationActions(deps),
      ...examCameraActions(deps),
      ...appointmentActions(deps),
    },
  }).createMachine({
    id: 'flow',
    type: 'parallel',
    context: ({ input }) => emptyContext(input),
    on: {
      HELP: { actions: 'requestHelp' },
      HELP_ANSWERED: { actions: 'helpAnswered' },
      ALERT_CHANGED: { actions: 'alertChanged' },
      CARD_STATE: { actions: 'setCardState' },
    },
    states: { journey: journeyStates, idle: idleStates },
  });
}

/** The steps: welcome, the checklist between two patients, and the session itself. */
const journeyStates = {
  initial: 'welcome',
  states: {
    welcome: {
      always: { guard: 'hygieneDue', target: 'cabin-not-ready' },
      on: {
        START: { guard: 'hygieneDone', target: 'session' },
        CHECK_IN: { guard: 'hygieneDone', target: 'session', actions: 'startCheckIn' },
        HYGIENE_CONFIRMED: { actions: 'hygieneConfirmed' },
      },
    },
    // The checklist is confirmed between two patients only: never while a patient is in session.
    'cabin-not-ready': { on: { HYGIENE_CONFIRMED: { target: 'welcome', actions: 'hygieneConfirmed' } } },
    session: {
      initial: 'emergency',
      on: {
        CANCEL: { target: 'welcome', actions: { type: 'closeAndWipe', params: { outcome: 'cancelled' } } },
        IDLE_TIMEOUT: {
          target: 'welcome',
          actions: [
            { type: 'setOutcome', params: { outcome: 'idle-timeout' } },
            { type: 'closeAndWipe', params: { outcome: 'idle-timeout' } },
          ],
        },
      },
      states: { ...identificationStates, ...intakeStates, ...appointmentStates, ...consultationStates(SESSION) },
    },
  },
} as const;

export type PatientFlowMachine = ReturnType<typeof createPatientFlowMachine>;
