import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLogLevel } from '../../common/util/logger';
import { SAMPLE_PRESCRIPTION, sampleDeviceStatus } from '../../common/records/testing/samples';
import type { Measurement } from '../../common/devices/measurement';
import type { CarePathwayAnswers } from '../../common/flow/care-pathway';
import type { FlowIntention } from '../../common/flow/flow-intention';
import { FlowView, type FlowStep } from '../../common/flow/flow-view';
import type { FlowOutcome } from '../../common/records/session-outcome';
import type { PatientIdentity } from '../../common/identity/identity';
import { DEFAULT_FLOW_DELAYS } from './delays';
import { createHarness, type Harness } from './testing/flow-harness';

const IDENTITY: PatientIdentity = {
  lastName: 'MARTIN',
  firstName: 'Jeanne',
  birthDate: '1985-05-12',
  nir: '185057800608491',
  source: 'card',
};
const ANSWERS: CarePathwayAnswers = {
  hasMedecinTraitant: true,
  referredByMedecinTraitant: true,
  exception: 'none',
  aldOrMaternity: false,
};
const TEMPERATURE: Measurement = {
  id: '7f3c2a9e-8b1d-4c5e-9f0a-1b2c3d4e5f60',
  deviceId: 'dev-1',
  model: 'welch-allyn-suretemp',
  modelName: 'Welch Allyn SureTemp Plus',
  serialNumber: 'SIM-1',
  takenAt: '2026-11-22T10:00:00.000Z',
  flags: [],
  valid: true,
  calibration: 'valid',
  kind: 'temperature',
  celsius: 36.9,
  site: 'oral',
};

let h: Harness;
const send = (intention: FlowIntention) => h.flow.send(intention);
const step = () => h.flow.view().step;
const ok = (intention: FlowIntention) => expect(send(intention)).toEqual({ accepted: true });
/** Lets the machine's invoked promises (startMeasurement) settle. */
const settle = () => vi.advanceTimersByTimeAsync(0);

function toIdentify() {
  ok({ type: 'START' });
  ok({ type: 'EMERGENCY_NONE' });
}
function toCarePathway() {
  toIdentify();
  h.cards.emit('cardRead', IDENTITY);
  ok({ type: 'CONFIRM_IDENTITY' });
}
function toWaiting() {
  toCarePathway();
  ok({ type: 'CARE_PATHWAY_SUBMIT', answers: ANSWERS });
  ok({ type: 'LOCALITY_SUBMIT', value: '75011' });
  ok({ type: 'CONSENT_SUBMIT', teleconsultation: true, secondaryUse: false });
  ok({ type: 'REASON_SUBMIT', specialty: 'general-practice', text: 'toux' });
  ok({ type: 'CONTACT_SUBMIT', email: 'jeanne@example.fr', phone: null });
  ok({ type: 'WHEN_NOW' });
}
function toConsultation() {
  toWaiting();
  ok({ type: 'DOCTOR_ACCEPTED' });
}
function expectNoPatientData() {
  const json = JSON.stringify(h.flow.view());
  for (const secret of [
    IDENTITY.lastName,
    IDENTITY.firstName,
    IDENTITY.birthDate,
    IDENTITY.nir,
    'toux',
    '75011',
    'jeanne@example.fr',
    SAMPLE_PRESCRIPTION.number,
  ]) {
    expect(json).not.toContain(secret);
  }
  expect(h.flow.view().sessionId).toBeNull();
  expect(h.flow.view().recorded).toEqual([]);
}

/** The session ended at `at` with `outcome` recorded, and nothing of the patient is left. */
function expectClosed(at: FlowStep, outcome: FlowOutcome) {
  expect(step()).toBe(at);
  expect(h.store.calls.at(-1)).toMatchObject({ method: 'closeSession', data: { outcome } });
  expectNoPatientData();
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-22T10:00:00Z') });
  h = createHarness();
});
afterEach(() => {
  expect(h.invalid).toEqual([]);
  h.flow.stop();
  vi.useRealTimers();
});

describe('welcome, hygiene and emergency', () => {
  it('starts on welcome with a valid, empty view', () => {
    expect(FlowView.parse(h.flow.view()).step).toBe('welcome');
    expect(send({ type: 'CANCEL' }).accepted).toBe(false);
  });

  it('refuses a new patient until the hygiene checklist is confirmed', () => {
    h.flow.stop();
    h = createHarness({ hygieneDue: true });
    expect(step()).toBe('cabin-not-ready');
    expect(send({ type: 'START' }).accepted).toBe(false);
    h.flow.confirmHygiene();
    expect(step()).toBe('welcome');
    ok({ type: 'START' });
    expect(step()).toBe('emergency');
  });

  it('an emergency stops the session and returns to welcome after the delay, without opening a session', () => {
    ok({ type: 'START' });
    ok({ type: 'EMERGENCY_PRESENT' });
    expect(step()).toBe('emergency-stop');
    vi.advanceTimersByTime(DEFAULT_FLOW_DELAYS.emergencyStop - 1);
    expect(step()).toBe('emergency-stop');
    vi.advanceTimersByTime(1);
    expect(step()).toBe('welcome');
    expect(h.store.calls).toEqual([]);
  });

  it('FINISH leaves the emergency screen at once', () => {
    ok({ type: 'START' });
    ok({ type: 'EMERGENCY_PRESENT' });
    ok({ type: 'FINISH' });
    expect(step()).toBe('welcome');
  });

  it('the emergency screen alerts the pharmacist and shows only what the platform confirmed', () => {
    ok({ type: 'START' });
    h.alerts.nextRaise = { kind: 'emergency', state: 'sending' };
    ok({ type: 'EMERGENCY_PRESENT' });
    expect(h.alerts.calls).toEqual(['raise:emergency']);
    // The first view of the screen already says the alert is being sent.
    expect(h.views.find((v) => v.step === 'emergency-stop')?.pharmacistAlert).toEqual({
      kind: 'emergency',
      state: 'sending',
    });
    h.alerts.confirm({ kind: 'emergency', state: 'undelivered' });
    expect(h.flow.view().pharmacistAlert).toEqual({ kind: 'emergency', state: 'undelivered' });
    h.alerts.confirm({ kind: 'emergency', state: 'acknowledged' });
    expect(h.flow.view().pharmacistAlert?.state).toBe('acknowledged');
    // The wipe forgets it on this kiosk (the portals keep it until it is acknowledged).
    ok({ type: 'FINISH' });
    expect(h.alerts.calls).toEqual(['raise:emergency', 'forget']);
    expect(h.flow.view().pharmacistAlert).toBeNull();
  });
});

describe('identification', () => {
  it('opens the session on identify and follows the card reader', () => {
    toIdentify();
    expect(step()).toBe('identify');
    expect(h.store.methods()).toEqual(['openSession']);
    expect(h.flow.view().sessionId).toBe('session-1');
    h.cards.emit('stateChanged', { readerId: 'r1', state: 'reading', error: null });
    expect(h.flow.view().identification.card?.state).toBe('reading');
    h.cards.emit('cardFailed', { code: 'removed-during-read' });
    expect(h.flow.view().identification.card).toEqual({ readerId: 'r1', state: 'error', error: 'removed-during-read' });
    ok({ type: 'RETRY_CARD' });
    expect(h.flow.view().identification.card).toEqual({ readerId: 'r1', state: 'empty', error: null });
    h.cards.emit('cardRead', IDENTITY);
    expect(step()).toBe('identity-confirm');
    expect(h.flow.view().identification.identity).toEqual(IDENTITY);
  });

  it('a card read before the card step (put in on welcome) is read again on reaching it, and only then', () => {
    h.cards.emit('stateChanged', { readerId: 'r1', state: 'reading', error: null });
    h.cards.emit('cardRead', IDENTITY); // nothing takes an identity on welcome
    h.cards.emit('stateChanged', { readerId: 'r1', state: 'read', error: null });
    expect(h.flow.view().identification.identity).toBeNull();
    ok({ type: 'START' });
    expect(h.cards.readAgainCalls).toBe(0);
    ok({ type: 'EMERGENCY_NONE' });
    expect(h.cards.readAgainCalls).toBe(1);
    h.cards.emit('cardRead', IDENTITY);
    expect(step()).toBe('identity-confirm');
    // Back to the card step with the card still in: no loop back to the confirmation.
    ok({ type: 'BACK' });
    expect(step()).toBe('identify');
    expect(h.cards.readAgainCalls).toBe(1);
  });

  it('asks for no second read when the reader is empty or in error on reaching the card step', () => {
    h.cards.emit('stateChanged', { readerId: 'r1', state: 'empty', error: null });
    toIdentify();
    ok({ type: 'CANCEL' });
    h.cards.emit('stateChanged', { readerId: 'r1', state: 'error', error: 'mute-card' });
    expect(h.flow.confirmHygiene()).toBe(true);
    toIdentify();
    expect(step()).toBe('identify');
    expect(h.cards.readAgainCalls).toBe(0);
  });

  it('manual entry: field errors, NIR key, NIR/birth date mismatch, then a valid identity', () => {
    toIdentify();
    ok({ type: 'TYPE_DETAILS' });
    expect(step()).toBe('identify-manual');
    ok({ type: 'MANUAL_SUBMIT', lastName: '', firstName: 'Jeanne', birthDate: '2030-01-01', nir: '185057800608492' });
    expect(step()).toBe('identify-manual');
    expect(h.flow.view().identification.manualErrors).toEqual({
      lastName: 'required',
      birthDate: 'future-date',
      nir: 'nir-key',
    });
    ok({
      type: 'MANUAL_SUBMIT',
      lastName: 'Martin',
      firstName: 'Jeanne',
      birthDate: '12/05/1986',
      nir: '185057800608491',
    });
    expect(h.flow.view().identification.manualErrors).toEqual({ nir: 'nir-mismatch' });
    ok({ type: 'MANUAL_SUBMIT', lastName: 'Martin', firstName: 'Jeanne', birthDate: '31/02/1985', nir: '1850578' });
    expect(h.flow.view().identification.manualErrors).toEqual({ birthDate: 'invalid-date', nir: 'nir-format' });
    ok({
      type: 'MANUAL_SUBMIT',
      lastName: 'Martin',
      firstName: 'Jeanne',
      birthDate: '12/05/1985',
      nir: '1 85 05 78 006 084 91',
    });
    expect(step()).toBe('identity-confirm');
    expect(h.flow.view().identification).toMatchObject({
      manualErrors: {},
      identity: { ...IDENTITY, source: 'manual' },
    });
  });

  it('BACK and REJECT move between card, form and confirmation without a second session', () => {
    toIdentify();
    ok({ type: 'TYPE_DETAILS' });
    ok({ type: 'BACK' });
    expect(step()).toBe('identify');
    h.cards.emit('cardRead', IDENTITY);
    ok({ type: 'REJECT_IDENTITY' });
    expect(step()).toBe('identify-manual');
    expect(h.flow.view().identification.identity).toBeNull();
    ok({ type: 'BACK' });
    h.cards.emit('cardRead', IDENTITY);
    ok({ type: 'BACK' });
    expect(step()).toBe('identify');
    expect(h.store.methods()).toEqual(['openSession']);
  });

  it('a card inserted while typing the details is used', () => {
    toIdentify();
    ok({ type: 'TYPE_DETAILS' });
    h.cards.emit('cardFailed', { code: 'vitale-1' });
    expect(step()).toBe('identify-manual');
    expect(h.flow.view().identification.card?.error).toBe('vitale-1');
    h.cards.emit('cardRead', IDENTITY);
    expect(step()).toBe('identity-confirm');
    expect(h.flow.view().identification.identity?.source).toBe('card');
  });

  it('a card read outside identification is ignored', () => {
    h.cards.emit('cardRead', IDENTITY);
    expect(h.flow.view().identification.identity).toBeNull();
  });
});

describe('intake', () => {
  it('stores identity, consent and intake at the right steps', () => {
    toCarePathway();
    expect(step()).toBe('care-pathway');
    expect(h.store.calls[1]).toEqual({ method: 'saveIdentity', sessionId: 'session-1', data: IDENTITY });
    ok({ type: 'CARE_PATHWAY_SUBMIT', answers: ANSWERS });
    expect(step()).toBe('locality');
    expect(h.flow.view().carePathway.reimbursement).toEqual({
      pathwayRespected: true,
      ratePercent: 70,
      participationForfaitaireEuros: 2,
    });
    ok({ type: 'BACK' });
    expect(step()).toBe('care-pathway');
    ok({ type: 'CARE_PATHWAY_SUBMIT', answers: ANSWERS });
    ok({ type: 'LOCALITY_REFUSE' });
    expect(step()).toBe('locality');
    expect(h.flow.view().locality).toEqual({ value: null, refused: true });
    ok({ type: 'LOCALITY_REFUSE' });
    expect(step()).toBe('consent');
    ok({ type: 'BACK' });
    ok({ type: 'LOCALITY_SUBMIT', value: ' 75011 ' });
    expect(h.flow.view().locality).toEqual({ value: '75011', refused: false });
    ok({ type: 'CONSENT_SUBMIT', teleconsultation: true, secondaryUse: true });
    expect(step()).toBe('reason');
    expect(h.store.calls.at(-1)).toEqual({
      method: 'saveConsent',
      sessionId: 'session-1',
      data: { textVersion: 'consent-v1', teleconsultation: true, secondaryUse: true, at: '2026-11-22T10:00:00.000Z' },
    });
    ok({ type: 'BACK' });
    expect(step()).toBe('consent');
    ok({ type: 'CONSENT_SUBMIT', teleconsultation: true, secondaryUse: false });
    ok({ type: 'REASON_SUBMIT', specialty: 'dermatology', text: ' toux ' });
    expect(step()).toBe('contact');
    ok({ type: 'BACK' });
    expect(step()).toBe('reason');
    ok({ type: 'REASON_SUBMIT', specialty: 'dermatology', text: 'toux' });
    expect(send({ type: 'CONTACT_SUBMIT', email: 'not-an-email', phone: null }).accepted).toBe(false);
    expect(send({ type: 'CONTACT_SUBMIT', email: null, phone: '12' }).accepted).toBe(false);
    expect(step()).toBe('contact');
    ok({ type: 'CONTACT_SUBMIT', email: '', phone: '06 12 34 56 78' });
    expect(step()).toBe('when');
    ok({ type: 'WHEN_NOW' });
    expect(step()).toBe('waiting');
    expect(h.store.calls.at(-1)).toEqual({
      method: 'saveIntake',
      sessionId: 'session-1',
      data: {
        carePathway: ANSWERS,
        locality: '75011',
        specialty: 'dermatology',
        reason: 'toux',
        contact: { email: null, phone: '0612345678' },
      },
    });
    expect(h.flow.currentQueueEntry()).toEqual({
      sessionId: 'session-1',
      ageYears: 41,
      specialty: 'dermatology',
      reason: 'toux',
    });
  });

  it('a refused consent is recorded, explained, and can be revised or ends the session', () => {
    toCarePathway();
    ok({ type: 'CARE_PATHWAY_SUBMIT', answers: ANSWERS });
    ok({ type: 'LOCALITY_SUBMIT', value: '75011' });
    ok({ type: 'CONSENT_SUBMIT', teleconsultation: false, secondaryUse: false });
    expect(step()).toBe('consent-refused');
    expect(h.store.calls.at(-1)?.data).toMatchObject({ teleconsultation: false, textVersion: 'consent-v1' });
    ok({ type: 'BACK' });
    expect(step()).toBe('consent');
    ok({ type: 'CONSENT_SUBMIT', teleconsultation: false, secondaryUse: false });
    ok({ type: 'FINISH' });
    expectClosed('goodbye', 'consent-refused');
  });

  it('the direct-access specialty recomputes the reimbursement', () => {
    toCarePathway();
    ok({ type: 'CARE_PATHWAY_SUBMIT', answers: { ...ANSWERS, referredByMedecinTraitant: false } });
    expect(h.flow.view().carePathway.reimbursement?.ratePercent).toBe(30);
    ok({ type: 'LOCALITY_SUBMIT', value: '75011' });
    ok({ type: 'CONSENT_SUBMIT', teleconsultation: true, secondaryUse: false });
    ok({ type: 'REASON_SUBMIT', specialty: 'ophthalmology', text: '' });
    expect(h.flow.view().carePathway.reimbursement?.ratePercent).toBe(70);
  });
});

describe('waiting room and consultation', () => {
  it('shows the queue and lets the patient leave it', () => {
    toWaiting();
    ok({ type: 'QUEUE_UPDATED', position: 2, wait: { kind: 'no-doctor' } });
    expect(h.flow.view().queue).toEqual({
      position: 2,
      wait: { kind: 'no-doctor' },
      updatedAt: '2026-11-22T10:00:00.000Z',
    });
    ok({ type: 'QUEUE_UPDATED', position: 2, wait: { kind: 'estimate', minutes: 12, doctorsOnDuty: 1 } });
    expect(h.flow.view().queue?.wait).toEqual({ kind: 'estimate', minutes: 12, doctorsOnDuty: 1 });
    ok({ type: 'LEAVE_QUEUE' });
    expectClosed('goodbye', 'left-queue');
  });

  it('shows the ticket of a patient who left keeping their place, without an idle warning, then wipes', () => {
    toWaiting();
    const away = { ticket: 12, holdMinutes: 10, portalOpen: true, phoneGiven: true };
    ok({ type: 'STEPPED_AWAY', ...away });
    expect(step()).toBe('away-ticket');
    expect(h.flow.view().away).toEqual(away);
    vi.advanceTimersByTime(DEFAULT_FLOW_DELAYS.awayTicket - 1);
    expect(h.flow.view()).toMatchObject({ step: 'away-ticket', idle: { warning: false } });
    vi.advanceTimersByTime(1);
    expectClosed('goodbye', 'left-queue');
    expect(h.flow.view().away).toBeNull();
  });

  it('follows the call state', () => {
    toConsultation();
    expect(h.flow.view().call).toEqual({ state: 'connected' });
    ok({ type: 'CALL_CONNECTION_LOST' });
    expect(h.flow.view().call?.state).toBe('reconnecting');
    ok({ type: 'CALL_AUDIO_ONLY' });
    expect(h.flow.view().call?.state).toBe('audio-only');
    ok({ type: 'CALL_CONNECTION_RESTORED' });
    expect(h.flow.view().call?.state).toBe('connected');
  });

  it('the full journey ends with prescription, payment, rating, then a wipe and the hygiene check', () => {
    const closed: unknown[] = [];
    h.flow.onSessionClosed((s) => closed.push(s));
    toConsultation();
    ok({ type: 'DOCTOR_ENDED_CALL', prescription: SAMPLE_PRESCRIPTION });
    expect(step()).toBe('end');
    expect(h.flow.view()).toMatchObject({
      prescription: SAMPLE_PRESCRIPTION,
      payment: { tiersPayant: false, amountDueEuros: 30, reimbursedLaterEuros: 19, participationEuros: 2 },
      call: { state: 'ended' },
    });
    ok({ type: 'FINISH' });
    expect(step()).toBe('rating');
    ok({ type: 'RATE', stars: 4 });
    expect(step()).toBe('goodbye');
    expect(h.store.calls.at(-1)).toEqual({
      method: 'closeSession',
      sessionId: 'session-1',
      data: {
        endedAt: '2026-11-22T10:00:00.000Z',
        outcome: 'completed',
        prescriptionNumber: SAMPLE_PRESCRIPTION.number,
        rating: 4,
      },
    });
    expect(closed).toEqual([{ sessionId: 'session-1', outcome: 'completed', assisted: true }]);
    expectNoPatientData();
    vi.advanceTimersByTime(DEFAULT_FLOW_DELAYS.goodbye);
    expect(step()).toBe('cabin-not-ready');
    h.flow.confirmHygiene();
    expect(step()).toBe('welcome');
  });

  it('rating can be skipped; goodbye can be left at once', () => {
    toConsultation();
    ok({ type: 'DOCTOR_ENDED_CALL', prescription: null });
    ok({ type: 'FINISH' });
    ok({ type: 'FINISH' });
    expect(step()).toBe('goodbye');
    expect(h.store.calls.at(-1)?.data).toMatchObject({ rating: null, prescriptionNumber: null });
    ok({ type: 'FINISH' });
    expect(step()).toBe('cabin-not-ready');
  });
});

describe('guided measurements', () => {
  it('temperature: instructions, measuring with live values, result, confirm', async () => {
    toConsultation();
    ok({ type: 'DOCTOR_REQUESTED_MEASUREMENT', kind: 'temperature' });
    expect(h.flow.view().measurement).toMatchObject({ kind: 'temperature', phase: 'instructions' });
    ok({ type: 'MEASUREMENT_READY' });
    await settle();
    expect(h.devices.started).toEqual(['temperature']);
    expect(h.flow.view().measurement).toMatchObject({ phase: 'measuring', deviceId: 'dev-1', secondsLeft: null });
    h.devices.emit('liveReading', { deviceId: 'dev-1', kind: 'oximetry', at: 1, spo2: 97, flags: [], progress: null });
    expect(h.flow.view().measurement?.live).toBeNull();
    h.devices.emit('liveReading', {
      deviceId: 'dev-1',
      kind: 'temperature',
      at: 1,
      celsius: 36.9,
      flags: [],
      progress: 0.5,
    });
    expect(h.flow.view().measurement?.live?.celsius).toBe(36.9);
    h.devices.emit('measurementRecorded', TEMPERATURE);
    expect(h.flow.view().measurement).toMatchObject({ phase: 'result', result: TEMPERATURE, live: null });
    expect(h.flow.view().recorded).toEqual([TEMPERATURE]);
    expect(h.devices.cancels).toBe(0);
    ok({ type: 'MEASUREMENT_CONFIRM' });
    expect(h.flow.view().measurement).toBeNull();
    expect(h.flow.view().recorded).toHaveLength(1);
  });

  it('blood pressure: seated rest countdown before the cuff starts', async () => {
    toConsultation();
    ok({ type: 'DOCTOR_REQUESTED_MEASUREMENT', kind: 'blood-pressure' });
    ok({ type: 'MEASUREMENT_READY' });
    expect(h.flow.view().measurement).toMatchObject({ phase: 'resting', secondsLeft: 180 });
    vi.advanceTimersByTime(1000);
    expect(h.flow.view().measurement?.secondsLeft).toBe(179);
    expect(h.devices.started).toEqual([]);
    await vi.advanceTimersByTimeAsync(179_000);
    expect(h.flow.view().measurement?.phase).toBe('measuring');
    expect(h.devices.started).toEqual(['blood-pressure']);
  });

  it('oximetry: settling countdown while measuring', async () => {
    toConsultation();
    ok({ type: 'DOCTOR_REQUESTED_MEASUREMENT', kind: 'oximetry' });
    ok({ type: 'MEASUREMENT_READY' });
    await settle();
    expect(h.flow.view().measurement).toMatchObject({ phase: 'measuring', secondsLeft: 20 });
    await vi.advanceTimersByTimeAsync(5000);
    expect(h.flow.view().measurement?.secondsLeft).toBe(15);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(h.flow.view().measurement?.secondsLeft).toBe(1);
  });

  it('a driver failure shows its code; retry measures again', async () => {
    toConsultation();
    ok({ type: 'DOCTOR_REQUESTED_MEASUREMENT', kind: 'oximetry' });
    ok({ type: 'MEASUREMENT_READY' });
    await settle();
    h.devices.emit('measurementFailed', { deviceId: 'dev-1', kind: 'oximetry', code: 'finger-out' });
    expect(h.flow.view().measurement).toMatchObject({ phase: 'failed', failure: 'finger-out' });
    expect(h.devices.cancels).toBe(1);
    ok({ type: 'MEASUREMENT_RETRY' });
    await settle();
    expect(h.devices.started).toEqual(['oximetry', 'oximetry']);
    expect(h.flow.view().measurement).toMatchObject({ phase: 'measuring', failure: null });
  });

  it('an unavailable device fails at once; an unplug mid-measurement fails with device-unplugged', async () => {
    toConsultation();
    h.devices.nextStart = { ok: false, code: 'device-unavailable' };
    ok({ type: 'DOCTOR_REQUESTED_MEASUREMENT', kind: 'temperature' });
    ok({ type: 'MEASUREMENT_READY' });
    await settle();
    expect(h.flow.view().measurement).toMatchObject({ phase: 'failed', failure: 'device-unavailable' });
    h.devices.nextStart = { ok: true, deviceId: 'dev-1' };
    ok({ type: 'MEASUREMENT_RETRY' });
    await settle();
    h.devices.emit(
      'statusChanged',
      sampleDeviceStatus({ deviceId: 'other', kind: 'thermometer', state: 'disconnected' }),
    );
    expect(h.flow.view().measurement?.phase).toBe('measuring');
    h.devices.emit(
      'statusChanged',
      sampleDeviceStatus({ deviceId: 'dev-1', kind: 'thermometer', state: 'disconnected' }),
    );
    expect(h.flow.view().measurement).toMatchObject({ phase: 'failed', failure: 'device-unplugged' });
    ok({ type: 'MEASUREMENT_CONFIRM' });
    expect(h.flow.view().measurement).toBeNull();
  });

  it('a device out of service is said at once, with nothing to retry until it is back in service', async () => {
    toConsultation();
    h.devices.outOfServiceKinds = ['blood-pressure'];
    ok({ type: 'DOCTOR_REQUESTED_MEASUREMENT', kind: 'blood-pressure' });
    // No instructions, no seated rest: the patient is told at once.
    expect(h.flow.view().measurement).toMatchObject({ phase: 'failed', failure: 'out-of-service' });
    ok({ type: 'MEASUREMENT_RETRY' });
    await settle();
    expect(h.devices.started).toEqual([]);
    expect(h.flow.view().measurement).toMatchObject({ phase: 'failed', failure: 'out-of-service' });
    // Another kind still works.
    ok({ type: 'DOCTOR_REQUESTED_MEASUREMENT', kind: 'temperature' });
    expect(h.flow.view().measurement).toMatchObject({ kind: 'temperature', phase: 'instructions' });
    // Recalibrated meanwhile: the doctor's next request is guided as usual.
    h.devices.outOfServiceKinds = [];
    ok({ type: 'DOCTOR_REQUESTED_MEASUREMENT', kind: 'blood-pressure' });
    expect(h.flow.view().measurement).toMatchObject({ phase: 'instructions', failure: null });
  });

  it('a measurement with no result times out', async () => {
    toConsultation();
    ok({ type: 'DOCTOR_REQUESTED_MEASUREMENT', kind: 'temperature' });
    ok({ type: 'MEASUREMENT_READY' });
    await vi.advanceTimersByTimeAsync(DEFAULT_FLOW_DELAYS.measurementTimeout);
    expect(h.flow.view().measurement).toMatchObject({ phase: 'failed', failure: 'timeout' });
  });

  it('a new request replaces the current one; the end of the call stops the device', async () => {
    toConsultation();
    ok({ type: 'DOCTOR_REQUESTED_MEASUREMENT', kind: 'temperature' });
    ok({ type: 'MEASUREMENT_READY' });
    await settle();
    ok({ type: 'DOCTOR_REQUESTED_MEASUREMENT', kind: 'oximetry' });
    expect(h.flow.view().measurement).toMatchObject({ kind: 'oximetry', phase: 'instructions' });
    expect(h.devices.cancels).toBe(1);
    ok({ type: 'MEASUREMENT_READY' });
    await settle();
    ok({ type: 'DOCTOR_ENDED_CALL', prescription: null });
    expect(h.devices.cancels).toBe(2);
    expect(h.flow.view().measurement).toBeNull();
  });
});

describe('cancel, help and idle', () => {
  const reach: Record<string, () => void> = {
    emergency: () => ok({ type: 'START' }),
    identify: toIdentify,
    'care-pathway': toCarePathway,
    waiting: toWaiting,
    consultation: toConsultation,
  };
  for (const [name, go] of Object.entries(reach)) {
    it(`CANCEL on ${name} wipes and returns to welcome`, () => {
      go();
      expect(step()).toBe(name);
      ok({ type: 'CANCEL' });
      expect(['welcome', 'cabin-not-ready']).toContain(step());
      expectNoPatientData();
      if (name !== 'emergency')
        expect(h.store.calls.at(-1)).toMatchObject({ method: 'closeSession', data: { outcome: 'cancelled' } });
    });
  }

  it('HELP raises the help flag on any step until the pharmacist answers', () => {
    ok({ type: 'HELP' });
    expect(h.flow.view().helpRequested).toBe(true);
    toIdentify();
    expect(h.flow.view().helpRequested).toBe(true);
    h.flow.answerHelp();
    expect(h.flow.view().helpRequested).toBe(false);
  });

  it('HELP alerts the pharmacist; the view says what the platform confirmed; an answer at the cabin closes it', () => {
    toIdentify();
    ok({ type: 'HELP' });
    expect(h.alerts.calls).toEqual(['raise:help']);
    h.alerts.confirm({ kind: 'help', state: 'sending' });
    expect(h.flow.view().pharmacistAlert).toEqual({ kind: 'help', state: 'sending' });
    h.alerts.confirm({ kind: 'help', state: 'delivered' });
    expect(h.flow.view()).toMatchObject({ helpRequested: true, pharmacistAlert: { state: 'delivered' } });
    h.flow.answerHelp();
    expect(h.alerts.calls).toEqual(['raise:help', 'resolve']);
    expect(h.flow.view()).toMatchObject({ helpRequested: false, pharmacistAlert: null });
    ok({ type: 'HELP' });
    ok({ type: 'CANCEL' });
    expect(h.alerts.calls).toEqual(['raise:help', 'resolve', 'raise:help', 'forget']);
    expect(h.flow.view()).toMatchObject({ helpRequested: false, pharmacistAlert: null });
  });

  it('idle: warning with countdown, a touch resets it, the timeout wipes', () => {
    toCarePathway();
    vi.advanceTimersByTime(DEFAULT_FLOW_DELAYS.idleWarning);
    expect(h.flow.view().idle).toEqual({ warning: true, secondsLeft: 30 });
    vi.advanceTimersByTime(10_000);
    expect(h.flow.view().idle).toEqual({ warning: true, secondsLeft: 20 });
    ok({ type: 'ACTIVITY' });
    expect(h.flow.view().idle).toEqual({ warning: false, secondsLeft: null });
    vi.advanceTimersByTime(DEFAULT_FLOW_DELAYS.idleWarning - 1);
    expect(h.flow.view().idle.warning).toBe(false);
    vi.advanceTimersByTime(1 + 30_000);
    expectClosed('cabin-not-ready', 'idle-timeout');
  });

  it('an intention counts as a touch for the idle timer', () => {
    toCarePathway();
    vi.advanceTimersByTime(DEFAULT_FLOW_DELAYS.idleWarning - 1000);
    ok({ type: 'CARE_PATHWAY_SUBMIT', answers: ANSWERS });
    vi.advanceTimersByTime(2000);
    expect(h.flow.view().idle.warning).toBe(false);
  });

  it('no idle wipe while waiting for or talking with the doctor, nor on welcome', () => {
    vi.advanceTimersByTime(10 * 60_000);
    expect(h.flow.view().idle.warning).toBe(false);
    toWaiting();
    vi.advanceTimersByTime(30 * 60_000);
    expect(step()).toBe('waiting');
    ok({ type: 'DOCTOR_ACCEPTED' });
    vi.advanceTimersByTime(30 * 60_000);
    expect(step()).toBe('consultation');
    ok({ type: 'DOCTOR_ENDED_CALL', prescription: null });
    vi.advanceTimersByTime(DEFAULT_FLOW_DELAYS.idleWarning + DEFAULT_FLOW_DELAYS.idleWipe);
    expect(step()).toBe('cabin-not-ready');
  });

  it('intentions that do not apply are not accepted and change nothing', () => {
    expect(send({ type: 'CONFIRM_IDENTITY' }).accepted).toBe(false);
    expect(send({ type: 'DOCTOR_ACCEPTED' }).accepted).toBe(false);
    expect(step()).toBe('welcome');
    expect(h.views.every((v) => v.step === 'welcome')).toBe(true);
  });
});

describe('logs', () => {
  it('carry event types and step names, never patient data', async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((line: unknown) => void lines.push(String(line)));
    setLogLevel('debug');
    try {
      toConsultation();
      ok({ type: 'DOCTOR_REQUESTED_MEASUREMENT', kind: 'temperature' });
      ok({ type: 'MEASUREMENT_READY' });
      await settle();
      h.devices.emit('measurementRecorded', TEMPERATURE);
      ok({ type: 'DOCTOR_ENDED_CALL', prescription: SAMPLE_PRESCRIPTION });
      ok({ type: 'FINISH' });
    } finally {
      setLogLevel(process.env.KIOSK_LOG_LEVEL ?? 'silent');
      spy.mockRestore();
    }
    const log = lines.join('\n');
    expect(log).toContain('identify -> identity-confirm');
    expect(log).toContain('event CARD_READ');
    for (const secret of [
      IDENTITY.lastName,
      IDENTITY.firstName,
      IDENTITY.birthDate,
      IDENTITY.nir,
      '75011',
      'toux',
      '36.9',
      SAMPLE_PRESCRIPTION.number,
    ]) {
      expect(log).not.toContain(secret);
    }
  });
});

describe('device manager errors', () => {
  it('a startMeasurement that throws fails the measurement as device-unavailable', async () => {
    toConsultation();
    h.devices.startMeasurement = () => Promise.reject(new Error('driver exploded'));
    ok({ type: 'DOCTOR_REQUESTED_MEASUREMENT', kind: 'temperature' });
    ok({ type: 'MEASUREMENT_READY' });
    await settle();
    expect(h.flow.view().measurement).toMatchObject({ phase: 'failed', failure: 'device-unavailable' });
  });
});

describe('store failures', () => {
  it('a consent the store could not record does not open the call: the answer stays open and help is called', () => {
    toCarePathway();
    ok({ type: 'CARE_PATHWAY_SUBMIT', answers: ANSWERS });
    ok({ type: 'LOCALITY_SUBMIT', value: '75011' });
    h.store.saveConsent = () => {
      throw new Error('disk full');
    };
    ok({ type: 'CONSENT_SUBMIT', teleconsultation: true, secondaryUse: false });
    expect(step()).toBe('consent');
    expect(h.flow.view().consent.teleconsultation).toBeNull();
    expect(h.flow.view().helpRequested).toBe(true);
    expect(h.alerts.calls).toEqual(['raise:help']);
  });

  it('other store failures are logged and the session goes on', () => {
    h.store.openSession = () => {
      throw new Error('disk full');
    };
    toCarePathway();
    expect(step()).toBe('care-pathway');
  });
});
