import { getShortestPaths } from '@xstate/graph';
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { FLOW_STEPS, FlowView } from '../../common/flow/flow-view';
import { systemClock } from '../../common/util/clock';
import { DEFAULT_FLOW_DELAYS } from './delays';
import type { FlowEvent } from './flow-context';
import { stepOf, toFlowView } from './flow-view';
import { createPatientFlowMachine } from './patient-flow.machine';
import { FakeDevices, MemorySessionStore } from './testing/flow-harness';

/**
 * Paths generated from the machine (@xstate/graph): every step must be reachable with the events
 * the screens and main can send, and every generated path, replayed on a live actor, must yield
 * views the FlowView schema accepts. Timed transitions are covered by the hand-written tests.
 */
const IDENTITY = {
  lastName: 'MARTIN',
  firstName: 'Jeanne',
  birthDate: '1985-05-12',
  nir: '185057800608491',
  source: 'card',
} as const;
const ANSWERS = {
  hasMedecinTraitant: true,
  referredByMedecinTraitant: false,
  exception: 'none',
  aldOrMaternity: false,
} as const;

const EVENTS: FlowEvent[] = [
  { type: 'START' },
  { type: 'CANCEL' },
  { type: 'BACK' },
  { type: 'HELP' },
  { type: 'EMERGENCY_NONE' },
  { type: 'EMERGENCY_PRESENT' },
  { type: 'TYPE_DETAILS' },
  { type: 'RETRY_CARD' },
  { type: 'MANUAL_SUBMIT', lastName: 'Martin', firstName: 'Jeanne', birthDate: '12/05/1985', nir: '185057800608491' },
  { type: 'MANUAL_SUBMIT', lastName: 'Martin', firstName: 'Jeanne', birthDate: '12/05/1985', nir: '185057800608492' },
  { type: 'CONFIRM_IDENTITY' },
  { type: 'REJECT_IDENTITY' },
  { type: 'CARE_PATHWAY_SUBMIT', answers: ANSWERS },
  { type: 'LOCALITY_SUBMIT', value: '75011' },
  { type: 'LOCALITY_REFUSE' },
  { type: 'CONSENT_SUBMIT', teleconsultation: true, secondaryUse: false },
  { type: 'CONSENT_SUBMIT', teleconsultation: false, secondaryUse: false },
  { type: 'REASON_SUBMIT', specialty: 'general-practice', text: '' },
  { type: 'CONTACT_SUBMIT', email: null, phone: null },
  { type: 'CONTACT_SUBMIT', email: 'bad', phone: null },
  { type: 'WHEN_NOW' },
  { type: 'CHECK_IN' },
  { type: 'CHECK_IN_RETRY' },
  { type: 'CHECK_IN_WALK_IN' },
  { type: 'JOIN_LIVE_QUEUE' },
  // main/appointments, with the platform's answers (issue 17).
  {
    type: 'APPOINTMENT_BOOKED',
    ticket: {
      appointmentId: 'a1',
      doctorName: 'Dr A',
      startsAt: '2026-12-07T14:00:00.000Z',
      token: 't'.repeat(20),
      code: 'ACEFHJ',
      reminder: 'not-asked',
      reminderHours: null,
      print: 'printing',
    },
  },
  {
    type: 'APPOINTMENT_CHECK_IN',
    answer: { ok: false, refusal: 'late', startsAt: '2026-12-07T14:00:00.000Z', now: { kind: 'no-doctor' } },
    intake: {
      identity: IDENTITY,
      carePathway: ANSWERS,
      locality: '75011',
      reason: { specialty: 'general-practice', text: 'toux' },
      contact: { email: null, phone: null },
    },
  },
  { type: 'LEAVE_QUEUE' },
  { type: 'STEPPED_AWAY', ticket: 3, holdMinutes: 10, portalOpen: true, phoneGiven: false },
  { type: 'QUEUE_UPDATED', position: 1, wait: { kind: 'estimate', minutes: 5, doctorsOnDuty: 1 } },
  { type: 'DOCTOR_ACCEPTED' },
  { type: 'DOCTOR_REQUESTED_MEASUREMENT', kind: 'blood-pressure' },
  { type: 'DOCTOR_REQUESTED_MEASUREMENT', kind: 'temperature' },
  { type: 'MEASUREMENT_READY' },
  { type: 'MEASUREMENT_CONFIRM' },
  { type: 'MEASUREMENT_RETRY' },
  { type: 'CALL_CONNECTION_LOST' },
  { type: 'CALL_CONNECTION_RESTORED' },
  { type: 'CALL_AUDIO_ONLY' },
  { type: 'DOCTOR_ENDED_CALL', prescription: null },
  { type: 'FINISH' },
  { type: 'RATE', stars: 5 },
  { type: 'CARD_READ', identity: IDENTITY },
  {
    type: 'CARD_READ',
    identity: IDENTITY,
    card: { beneficiaries: [IDENTITY, { ...IDENTITY, firstName: 'Paul', nir: '112067512345677' }], unreadable: 0 },
  },
  { type: 'CHOOSE_BENEFICIARY', index: 1 },
  { type: 'CARD_FAILED', code: 'mute-card' },
  { type: 'DEVICE_FAILED', deviceId: 'dev-1', kind: 'temperature', code: 'probe-error' },
  { type: 'HYGIENE_CONFIRMED' },
  { type: 'HELP_ANSWERED' },
];

function machine() {
  let n = 0;
  const ports = {
    store: new MemorySessionStore(),
    devices: new FakeDevices(),
    clock: systemClock,
    ids: { next: () => `s-${++n}` },
    kioskId: 'k',
  };
  return createPatientFlowMachine(ports, DEFAULT_FLOW_DELAYS);
}
const input = { hygieneDue: false, consentTextVersion: 'v1' };

describe('generated paths', () => {
  const paths = getShortestPaths(machine(), {
    input,
    events: EVENTS,
    // The state value plus the context flags that guards read; the rest of the context is data.
    serializeState: (s) =>
      JSON.stringify([
        s.value,
        s.context.hygieneDue,
        s.context.locality.refused,
        s.context.measurement?.kind ?? null,
        s.context.appointment.checkingIn,
      ]),
  });

  it('reach every step of the journey', () => {
    const steps = new Set(paths.map((p) => stepOf(p.state.value)));
    expect([...steps].sort()).toEqual([...FLOW_STEPS].sort());
    expect(paths.length).toBeGreaterThan(FLOW_STEPS.length);
  });

  it('replayed on an actor, each path ends where the graph says with valid views all the way', () => {
    for (const path of paths) {
      const actor = createActor(machine(), { input }).start();
      for (const { event } of path.steps) {
        actor.send(event);
        const parsed = FlowView.safeParse(toFlowView(actor.getSnapshot()));
        expect(parsed.success, `${event.type}: ${parsed.error?.message ?? ''}`).toBe(true);
      }
      expect(actor.getSnapshot().value).toEqual(path.state.value);
      actor.stop();
    }
  });
});
