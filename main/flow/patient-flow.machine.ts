import { and, assign, fromPromise, not, or, raise, setup, stateIn } from 'xstate';
import type { MeasurementKind } from '../../common/devices/kinds';
import { paymentFor, reimbursementFor } from '../../common/flow/reimbursement';
import { isoDay } from '../../common/util/dates';
import { createLogger } from '../../common/util/logger';
import type { FlowOutcome } from '../../common/records/session-outcome';
import type { FlowDelays } from './delays';
import { seconds } from './delays';
import {
  emptyContext,
  failureCodeOf,
  failureFromStatus,
  guided,
  type FlowContext,
  type FlowEvent,
  type FlowInput,
} from './flow-context';
import { contactValid, validateManualIdentity } from './manual-identity';
import { measurementStates } from './measurement.states';
import type { FlowPorts } from './ports';
import type { MediaState } from '../../common/consultation/media-state';

const log = createLogger('kiosk:main:flow');

/** Steps where a patient is expected to touch the screen: the idle warning and wipe apply there. */
export const IDLE_TRACKED_STEPS = [
  'emergency',
  'identify',
  'identify-manual',
  'identity-confirm',
  'care-pathway',
  'locality',
  'consent',
  'consent-refused',
  'reason',
  'contact',
  'end',
  'rating',
] as const;

const SESSION = '#flow.journey.session';

/** Notified when a session opens and closes (the pharmacist's counters); never carries patient data. */
export interface SessionEvents {
  opened(sessionId: string): void;
  /** `sessionId` is null for an emergency stop before identification (no session was stored). */
  closed(summary: { sessionId: string | null; outcome: FlowOutcome; assisted: boolean }): void;
}

/**
 * The whole patient session (PRODUCT.md, "Patient" 1–10) as one machine. Two parallel regions:
 * `journey` (the steps) and `idle` (warning then wipe on the steps where a touch is expected).
 * Side effects go through `ports`; devices and cards arrive as events; all delays are named
 * (delays.ts). Store writes that fail are logged by type and the session goes on: the patient is
 * never stuck on a storage error, and the error is visible to the technician.
 */
export function createPatientFlowMachine(ports: FlowPorts, delays: FlowDelays, sessionEvents?: SessionEvents) {
  const at = (): string => new Date(ports.clock.now()).toISOString();
  /** Runs a store write; false (and an error log naming the write) when it failed. */
  const store = (what: string, write: () => void): boolean => {
    try {
      write();
      return true;
    } catch (error) {
      log.error(`store ${what} failed: ${error instanceof Error ? error.name : 'unknown'}`);
      return false;
    }
  };

  return setup({
    types: {
      context: {} as FlowContext,
      events: {} as FlowEvent,
      input: {} as FlowInput,
    },
    delays: { ...delays },
    actors: {
      startMeasurement: fromPromise(async ({ input }: { input: { kind: MeasurementKind } }) =>
        ports.devices.startMeasurement(input.kind),
      ),
    },
    guards: {
      hygieneDue: ({ context }) => context.hygieneDue,
      idleApplies: or(IDLE_TRACKED_STEPS.map((step) => stateIn(`${SESSION}.${step}`))),
      lastWarningSecond: ({ context }) => (context.idle.secondsLeft ?? 0) <= 1,
      lastMeasurementSecond: ({ context }) => (context.measurement?.secondsLeft ?? 0) <= 1,
      localityAlreadyRefused: ({ context }) => context.locality.refused,
      contactValid: ({ event }) => event.type === 'CONTACT_SUBMIT' && contactValid(event),
      manualValid: ({ event }) =>
        event.type === 'MANUAL_SUBMIT' && 'identity' in validateManualIdentity(event, isoDay(ports.clock.now())),
      isBloodPressure: ({ context }) => context.measurement?.kind === 'blood-pressure',
      isOximetry: ({ context }) => context.measurement?.kind === 'oximetry',
      oximetrySettling: and(['isOximetry', not('lastMeasurementSecond')]),
      sameKind: ({ context, event }) => {
        const kind =
          event.type === 'DEVICE_LIVE'
            ? event.reading.kind
            : event.type === 'DEVICE_RECORDED'
              ? event.measurement.kind
              : event.type === 'DEVICE_FAILED'
                ? event.kind
                : null;
        return kind !== null && kind === context.measurement?.kind;
      },
      measuringDeviceLost: ({ context, event }) =>
        event.type === 'DEVICE_STATUS' &&
        event.status.deviceId === context.measurement?.deviceId &&
        failureFromStatus(event.status) !== null,
      startedOk: ({ event }) => (event as unknown as { output: { ok: boolean } }).output.ok,
    },
    actions: {
      openSession: assign(({ context }) => {
        // Coming back to the card screen keeps the session opened the first time.
        if (context.sessionId !== null) return {};
        const id = ports.ids.next();
        store('openSession', () => ports.store.openSession({ id, kioskId: ports.kioskId, startedAt: at() }));
        sessionEvents?.opened(id);
        return { sessionId: id, hygieneDue: true, card: context.card?.state === 'error' ? null : context.card };
      }),
      setOutcome: assign((_, params: { outcome: FlowOutcome }) => ({ outcome: params.outcome })),
      /** Closes the session in the store (once) and forgets everything about the patient. */
      closeAndWipe: assign(({ context }, params: { outcome: FlowOutcome }) => {
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
        return {
          ...emptyContext({ hygieneDue: context.hygieneDue, consentTextVersion: context.consent.textVersion }),
          card: context.card,
        };
      }),
      requestHelp: assign({ helpRequested: true }),
      helpAnswered: assign({ helpRequested: false }),
      hygieneConfirmed: assign({ hygieneDue: false }),
      startIdleWarning: assign({ idle: () => ({ warning: true, secondsLeft: seconds(delays.idleWipe) }) }),
      tickIdleWarning: assign({
        idle: ({ context }) => ({ warning: true, secondsLeft: Math.max(0, (context.idle.secondsLeft ?? 1) - 1) }),
      }),
      clearIdleWarning: assign({ idle: { warning: false, secondsLeft: null } }),
      setCardState: assign({ card: ({ event }) => (event.type === 'CARD_STATE' ? event.state : null) }),
      setCardError: assign({
        card: ({ context, event }) => ({
          readerId: context.card?.readerId ?? 'unknown',
          state: 'error' as const,
          error: event.type === 'CARD_FAILED' ? event.code : null,
        }),
      }),
      /**
       * A card put in before the card step was read while nothing could take its identity: read
       * it again now that the card step listens (the identity never waits outside a session).
       */
      readCardInReader: ({ context }) => {
        if (context.card?.state === 'read') ports.cards?.readAgain();
      },
      clearCardError: assign({
        card: ({ context }) => (context.card ? { ...context.card, state: 'empty' as const, error: null } : null),
      }),
      setCardIdentity: assign({
        identity: ({ event }) => (event.type === 'CARD_READ' ? event.identity : null),
        manualErrors: {},
      }),
      setManualResult: assign(({ event }) => {
        if (event.type !== 'MANUAL_SUBMIT') return {};
        const result = validateManualIdentity(event, isoDay(ports.clock.now()));
        return 'identity' in result
          ? { identity: result.identity, manualErrors: {} }
          : { identity: null, manualErrors: result.errors };
      }),
      clearIdentity: assign({ identity: null }),
      saveIdentity: ({ context }) => {
        const { sessionId, identity } = context;
        if (sessionId !== null && identity !== null)
          store('saveIdentity', () => ports.store.saveIdentity(sessionId, identity));
      },
      setCarePathway: assign({
        carePathway: ({ event }) =>
          event.type === 'CARE_PATHWAY_SUBMIT'
            ? { answers: event.answers, reimbursement: reimbursementFor(event.answers) }
            : { answers: null, reimbursement: null },
      }),
      setLocality: assign({
        locality: ({ event }) => ({
          value: event.type === 'LOCALITY_SUBMIT' ? event.value.trim() : null,
          refused: false,
        }),
      }),
      refuseLocality: assign({ locality: { value: null, refused: true } }),
      setConsent: assign(({ context, event }) => {
        if (event.type !== 'CONSENT_SUBMIT' || context.sessionId === null) return {};
        const sessionId = context.sessionId;
        const consent = {
          textVersion: context.consent.textVersion,
          teleconsultation: event.teleconsultation,
          secondaryUse: event.secondaryUse,
        };
        if (!store('saveConsent', () => ports.store.saveConsent(sessionId, { ...consent, at: at() }))) {
          // No call without a recorded consent: the answer stays open and the pharmacist is called.
          return { consent: { ...consent, teleconsultation: null }, helpRequested: true };
        }
        return { consent, outcome: event.teleconsultation ? null : ('consent-refused' as const) };
      }),
      clearOutcome: assign({ outcome: null }),
      setReason: assign({
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
      setContactAndSaveIntake: assign(({ context, event }) => {
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
      }),
      setQueue: assign({
        queue: ({ context, event }) =>
          event.type === 'QUEUE_UPDATED'
            ? { position: event.position, estimatedWaitMinutes: event.estimatedWaitMinutes, updatedAt: at() }
            : context.queue,
      }),
      enterConsultation: assign({ reachedConsultation: true, call: { state: 'connected' as const } }),
      callState: assign((_, params: { state: MediaState }) => ({
        call: { state: params.state },
      })),
      endCall: assign(({ context, event }) => ({
        call: { state: 'ended' as const },
        measurement: null,
        prescription: event.type === 'DOCTOR_ENDED_CALL' ? event.prescription : null,
        payment: paymentFor(context.carePathway.reimbursement),
        outcome: 'completed' as const,
      })),
      setRating: assign({ rating: ({ event }) => (event.type === 'RATE' ? event.stars : null) }),
      // Guided measurement (consultation.measurement)
      requestMeasurement: assign({
        measurement: ({ event }) => (event.type === 'DOCTOR_REQUESTED_MEASUREMENT' ? guided(event.kind) : null),
      }),
      phaseResting: assign({
        measurement: ({ context }) =>
          context.measurement && {
            ...context.measurement,
            phase: 'resting' as const,
            secondsLeft: seconds(delays.bloodPressureRest),
          },
      }),
      phaseMeasuring: assign({
        measurement: ({ context }) =>
          context.measurement && {
            ...context.measurement,
            phase: 'measuring' as const,
            secondsLeft: context.measurement.kind === 'oximetry' ? seconds(delays.spo2Settling) : null,
            deviceId: null,
            live: null,
            result: null,
            failure: null,
          },
      }),
      tickMeasurement: assign({
        measurement: ({ context }) =>
          context.measurement && {
            ...context.measurement,
            secondsLeft: Math.max(0, (context.measurement.secondsLeft ?? 1) - 1),
          },
      }),
      setMeasuringDevice: assign({
        measurement: ({ context, event }) => {
          const output = (event as unknown as { output: { ok: true; deviceId: string } }).output;
          return context.measurement && { ...context.measurement, deviceId: output.deviceId };
        },
      }),
      setLive: assign({
        measurement: ({ context, event }) =>
          event.type === 'DEVICE_LIVE' && context.measurement
            ? { ...context.measurement, live: event.reading }
            : context.measurement,
      }),
      setResult: assign(({ context, event }) => {
        if (event.type !== 'DEVICE_RECORDED' || !context.measurement) return {};
        return {
          measurement: {
            ...context.measurement,
            phase: 'result' as const,
            secondsLeft: null,
            result: event.measurement,
            live: null,
          },
          recorded: [...context.recorded, event.measurement],
        };
      }),
      setFailure: assign({
        measurement: ({ context, event }) =>
          context.measurement && {
            ...context.measurement,
            phase: 'failed' as const,
            secondsLeft: null,
            live: null,
            failure: failureCodeOf(event),
          },
      }),
      stopDevice: ({ event }) => {
        // A recorded measurement is finished already; anything else leaving `measuring` stops the device.
        if (event.type === 'DEVICE_RECORDED') return;
        ports.devices
          .cancelMeasurement()
          .catch((error: unknown) =>
            log.warn(`cancelMeasurement failed: ${error instanceof Error ? error.name : 'unknown'}`),
          );
      },
      clearMeasurement: assign({ measurement: null }),
    },
  }).createMachine({
    id: 'flow',
    type: 'parallel',
    context: ({ input }) => emptyContext(input),
    on: {
      HELP: { actions: 'requestHelp' },
      HELP_ANSWERED: { actions: 'helpAnswered' },
      CARD_STATE: { actions: 'setCardState' },
    },
    states: {
      journey: {
        initial: 'welcome',
        states: {
          welcome: {
            always: { guard: 'hygieneDue', target: 'cabin-not-ready' },
            on: {
              START: { guard: not('hygieneDue'), target: 'session' },
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
            states: {
              emergency: {
                on: {
                  EMERGENCY_NONE: { target: 'identify', actions: 'readCardInReader' },
                  EMERGENCY_PRESENT: 'emergency-stop',
                },
              },
              'emergency-stop': {
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
                  CARD_READ: { target: 'identity-confirm', actions: 'setCardIdentity' },
                  CARD_FAILED: { actions: 'setCardError' },
                  RETRY_CARD: { actions: 'clearCardError' },
                  TYPE_DETAILS: 'identify-manual',
                },
              },
              'identify-manual': {
                on: {
                  MANUAL_SUBMIT: [
                    { guard: 'manualValid', target: 'identity-confirm', actions: 'setManualResult' },
                    { actions: 'setManualResult' },
                  ],
                  // A card inserted while typing wins: it is read, not typed.
                  CARD_READ: { target: 'identity-confirm', actions: 'setCardIdentity' },
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
              'care-pathway': { on: { CARE_PATHWAY_SUBMIT: { target: 'locality', actions: 'setCarePathway' } } },
              locality: {
                on: {
                  LOCALITY_SUBMIT: { target: 'consent', actions: 'setLocality' },
                  LOCALITY_REFUSE: [
                    { guard: 'localityAlreadyRefused', target: 'consent' },
                    { actions: 'refuseLocality' },
                  ],
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
                  { guard: ({ context }) => context.consent.teleconsultation === true, target: 'reason' },
                  { guard: ({ context }) => context.consent.teleconsultation === false, target: 'consent-refused' },
                  { target: 'consent' },
                ],
              },
              'consent-refused': { on: { BACK: { target: 'consent', actions: 'clearOutcome' }, FINISH: 'goodbye' } },
              reason: { on: { REASON_SUBMIT: { target: 'contact', actions: 'setReason' }, BACK: 'consent' } },
              contact: {
                on: {
                  CONTACT_SUBMIT: { guard: 'contactValid', target: 'waiting', actions: 'setContactAndSaveIntake' },
                  BACK: 'reason',
                },
              },
              waiting: {
                on: {
                  QUEUE_UPDATED: { actions: 'setQueue' },
                  LEAVE_QUEUE: {
                    target: 'goodbye',
                    actions: { type: 'setOutcome', params: { outcome: 'left-queue' } },
                  },
                  DOCTOR_ACCEPTED: 'consultation',
                },
              },
              consultation: {
                entry: 'enterConsultation',
                initial: 'call',
                on: {
                  CALL_CONNECTION_LOST: { actions: { type: 'callState', params: { state: 'reconnecting' } } },
                  CALL_CONNECTION_RESTORED: { actions: { type: 'callState', params: { state: 'connected' } } },
                  CALL_AUDIO_ONLY: { actions: { type: 'callState', params: { state: 'audio-only' } } },
                  DOCTOR_REQUESTED_MEASUREMENT: {
                    target: '.measurement',
                    reenter: true,
                    actions: 'requestMeasurement',
                  },
                  DOCTOR_ENDED_CALL: { target: 'end', actions: 'endCall' },
                },
                states: {
                  call: {},
                  measurement: measurementStates(SESSION),
                },
              },
              end: { on: { FINISH: 'rating' } },
              rating: { on: { RATE: { target: 'goodbye', actions: 'setRating' }, FINISH: 'goodbye' } },
              goodbye: {
                entry: { type: 'closeAndWipe', params: { outcome: 'completed' } },
                after: { goodbye: `#flow.journey.welcome` },
                on: { FINISH: `#flow.journey.welcome` },
              },
            },
          },
        },
      },
      idle: {
        initial: 'off',
        states: {
          off: { always: { guard: 'idleApplies', target: 'watching' } },
          watching: {
            always: { guard: not('idleApplies'), target: 'off' },
            after: { idleWarning: 'warning' },
            on: { ACTIVITY: { target: 'watching', reenter: true } },
          },
          warning: {
            entry: 'startIdleWarning',
            exit: 'clearIdleWarning',
            always: { guard: not('idleApplies'), target: 'off' },
            on: { ACTIVITY: 'watching' },
            initial: 'counting',
            states: {
              counting: {
                after: {
                  tick: [
                    { guard: 'lastWarningSecond', actions: raise({ type: 'IDLE_TIMEOUT' }) },
                    { target: 'counting', reenter: true, actions: 'tickIdleWarning' },
                  ],
                },
              },
            },
          },
        },
      },
    },
  });
}

export type PatientFlowMachine = ReturnType<typeof createPatientFlowMachine>;
