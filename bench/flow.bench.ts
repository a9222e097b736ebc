import { performance } from 'node:perf_hooks';
import { createActor, createMachine } from 'xstate';
import type { FlowIntention } from '../common/flow/flow-intention';
import { FlowView } from '../common/flow/flow-view';
import { systemClock } from '../common/util/clock';
import { DEFAULT_FLOW_DELAYS } from '../main/flow/delays';
import { FlowService } from '../main/flow/flow-service';
import { FakeDevices, MemorySessionStore } from '../main/flow/testing/flow-harness';
import type { BenchFigures } from './run';

/**
 * The patient flow's cost per intention: FlowService.send (idle reset, can(), transition, view
 * mapping, change detection) plus the contract check the event hub does on each pushed view,
 * over whole journeys (welcome → goodbye, 15 intentions). Baseline in the same run: a bare XState
 * actor toggling between two states, i.e. the floor of one XState transition.
 */
const JOURNEYS = 300;
const JOURNEY: FlowIntention[] = [
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
  { type: 'QUEUE_UPDATED', position: 1, estimatedWaitMinutes: 3 },
  { type: 'DOCTOR_ACCEPTED' },
  { type: 'DOCTOR_ENDED_CALL', prescription: null },
  { type: 'FINISH' },
  { type: 'FINISH' },
];

export default async function flowBench(): Promise<BenchFigures> {
  let n = 0;
  const flow = new FlowService({
    ports: {
      store: new MemorySessionStore(),
      devices: new FakeDevices(),
      clock: systemClock,
      ids: { next: () => `s-${++n}` },
      kioskId: 'bench',
    },
    delays: DEFAULT_FLOW_DELAYS,
    consentTextVersion: 'v1',
    hygieneDueAtStart: false,
    deviceEvents: null,
    cardEvents: null,
  });
  flow.onChange((view) => FlowView.parse(view));
  let t = performance.now();
  for (let j = 0; j < JOURNEYS; j++) {
    for (const intention of JOURNEY) flow.send(intention);
    flow.send({ type: 'FINISH' }); // goodbye → welcome
    flow.confirmHygiene();
  }
  const flowUs = ((performance.now() - t) * 1000) / (JOURNEYS * (JOURNEY.length + 1));
  flow.stop();
  // Each journey opens one session: anything else means intentions were refused and the figure is wrong.
  if (n !== JOURNEYS) throw new Error(`only ${n} of ${JOURNEYS} journeys ran`);

  const toggle = createActor(
    createMachine({ initial: 'a', states: { a: { on: { T: 'b' } }, b: { on: { T: 'a' } } } }),
  ).start();
  const toggles = JOURNEYS * (JOURNEY.length + 1);
  t = performance.now();
  for (let i = 0; i < toggles; i++) toggle.send({ type: 'T' });
  const baselineUs = ((performance.now() - t) * 1000) / toggles;
  toggle.stop();

  const figures = {
    intentionMicros: Number(flowUs.toFixed(1)),
    bareXstateTransitionMicros: Number(baselineUs.toFixed(2)),
    journeys: JOURNEYS,
  };
  console.log(
    `flow: ${figures.intentionMicros} µs per intention (view + schema check) vs ${figures.bareXstateTransitionMicros} µs per bare XState transition`,
  );
  return figures;
}
