import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BookedIntake, CheckInAnswer } from '../../common/routing/appointments';
import { setLogLevel } from '../../common/util/logger';
import { createHarness, type Harness } from './testing/flow-harness';

const INTAKE: BookedIntake = {
  identity: {
    lastName: 'MARTIN',
    firstName: 'Jeanne',
    birthDate: '1985-05-12',
    nir: '185057800608491',
    source: 'card',
  },
  carePathway: { hasMedecinTraitant: true, referredByMedecinTraitant: true, exception: 'none', aldOrMaternity: false },
  locality: '75011',
  reason: { specialty: 'general-practice', text: 'toux' },
  contact: { email: null, phone: null },
};
const STARTS = '2026-12-07T14:00:00.000Z';

let h: Harness;
const step = () => h.flow.view().step;
const checkIn = (answer: CheckInAnswer, intake: BookedIntake | null = null) =>
  h.flow.appointmentEvent({ type: 'APPOINTMENT_CHECK_IN', answer, intake });

beforeEach(() => {
  setLogLevel('silent');
  vi.useFakeTimers();
  h = createHarness();
  h.flow.send({ type: 'CHECK_IN' });
  h.flow.send({ type: 'EMERGENCY_NONE' });
});
afterEach(() => {
  h.flow.stop();
  vi.useRealTimers();
});

describe('check-in of a booked patient (issue 17)', () => {
  it('answers the emergency question, then the booking fills the answers: consent again, then the waiting room', () => {
    expect(step()).toBe('check-in');
    expect(h.flow.view().sessionId).not.toBeNull();
    checkIn({ ok: true, appointmentId: 'a1', doctorName: 'Dr A', startsAt: STARTS, intake: INTAKE }, INTAKE);
    expect(step()).toBe('consent');
    expect(h.flow.view().reason).toEqual(INTAKE.reason);
    h.flow.send({ type: 'CONSENT_SUBMIT', teleconsultation: true, secondaryUse: false });
    expect(step()).toBe('waiting');
    expect(h.flow.view().appointment.checkedIn).toEqual({ appointmentId: 'a1', doctorName: 'Dr A', startsAt: STARTS });
  });

  it('late: the slot is lost, the live queue is offered with its wait, consent again before it', () => {
    checkIn(
      { ok: false, refusal: 'late', startsAt: STARTS, now: { kind: 'estimate', minutes: 4 }, intake: INTAKE },
      INTAKE,
    );
    expect(step()).toBe('check-in-late');
    expect(h.flow.view().appointment.late).toEqual({ startsAt: STARTS, now: { kind: 'estimate', minutes: 4 } });
    h.flow.send({ type: 'JOIN_LIVE_QUEUE' });
    h.flow.send({ type: 'CONSENT_SUBMIT', teleconsultation: true, secondaryUse: false });
    expect(step()).toBe('waiting');
    expect(h.flow.view().appointment.checkedIn).toBeNull();
  });

  it('cancelled by the doctor: said with its reason, the live queue offered with its wait, nothing asked again', () => {
    checkIn(
      {
        ok: false,
        refusal: 'cancelled',
        cancelReason: 'emergency',
        startsAt: STARTS,
        now: { kind: 'no-doctor' },
        intake: INTAKE,
      },
      INTAKE,
    );
    expect(step()).toBe('check-in-late');
    expect(h.flow.view().appointment.late).toEqual({
      startsAt: STARTS,
      now: { kind: 'no-doctor' },
      cancelReason: 'emergency',
    });
    h.flow.send({ type: 'JOIN_LIVE_QUEUE' });
    h.flow.send({ type: 'CONSENT_SUBMIT', teleconsultation: true, secondaryUse: false });
    expect(step()).toBe('waiting');
  });

  it('late or cancelled: another slot instead, through consent, the reason and contact prefilled, to the choice', () => {
    checkIn({ ok: false, refusal: 'cancelled', cancelReason: 'unavailable', startsAt: STARTS, intake: INTAKE }, INTAKE);
    expect(step()).toBe('check-in-late');
    h.flow.send({ type: 'CHECK_IN_OTHER_SLOT' });
    h.flow.send({ type: 'CONSENT_SUBMIT', teleconsultation: true, secondaryUse: false });
    expect(step()).toBe('reason');
    expect(h.flow.view().reason).toEqual(INTAKE.reason);
    expect(h.flow.view().appointment.late).toBeNull();
  });

  it('a doctor who cancels while the patient waits: the waiting room says so, now in the live queue', () => {
    checkIn({ ok: true, appointmentId: 'a1', doctorName: 'Dr A', startsAt: STARTS, intake: INTAKE }, INTAKE);
    h.flow.send({ type: 'CONSENT_SUBMIT', teleconsultation: true, secondaryUse: false });
    const wait = { kind: 'estimate' as const, minutes: 6, doctorsOnDuty: 1 };
    h.flow.send({ type: 'QUEUE_UPDATED', position: 2, wait });
    expect(h.flow.view().appointment.checkedIn).not.toBeNull();
    h.flow.send({
      type: 'QUEUE_UPDATED',
      position: 2,
      wait,
      bookingEnded: { cause: 'cancelled', reason: 'unavailable' },
    });
    expect(step()).toBe('waiting');
    expect(h.flow.view().appointment.checkedIn).toBeNull();
    expect(h.flow.view().appointment.ended).toEqual({
      doctorName: 'Dr A',
      startsAt: STARTS,
      why: { cause: 'cancelled', reason: 'unavailable' },
    });
    expect(h.flow.view().queue?.wait).toEqual(wait);
  });

  it('a forged or another pharmacy’s ticket is said plainly; the walk-in journey stays open', () => {
    checkIn({ ok: false, refusal: 'other-pharmacy' });
    expect(step()).toBe('check-in');
    expect(h.flow.view().appointment.refusal).toBe('other-pharmacy');
    h.flow.send({ type: 'CHECK_IN_RETRY' });
    expect(h.flow.view().appointment.refusal).toBeNull();
    h.flow.send({ type: 'CHECK_IN_WALK_IN' });
    expect(step()).toBe('identify');
    expect(h.flow.view().appointment.checkingIn).toBe(false);
  });

  it('a counter booking (no identity) identifies the patient at check-in, then the booked doctor’s waiting room', () => {
    const counter: BookedIntake = {
      identity: null,
      carePathway: null,
      locality: null,
      reason: { specialty: 'general-practice', text: '' },
      contact: { email: null, phone: null },
    };
    checkIn({ ok: true, appointmentId: 'a2', doctorName: 'Dr A', startsAt: STARTS, intake: counter }, counter);
    expect(step()).toBe('identify');
    h.flow.send({ type: 'TYPE_DETAILS' });
    h.flow.send({
      type: 'MANUAL_SUBMIT',
      lastName: 'Martin',
      firstName: 'Jeanne',
      birthDate: '12/05/1985',
      nir: '185057800608491',
    });
    h.flow.send({ type: 'CONFIRM_IDENTITY' });
    h.flow.send({ type: 'CARE_PATHWAY_SUBMIT', answers: INTAKE.carePathway! });
    h.flow.send({ type: 'LOCALITY_SUBMIT', value: '75011' });
    h.flow.send({ type: 'CONSENT_SUBMIT', teleconsultation: true, secondaryUse: false });
    expect(step()).toBe('waiting');
    expect(h.flow.view().identification.identity?.lastName).toMatch(/martin/i);
    expect(h.flow.view().appointment.checkedIn?.appointmentId).toBe('a2');
  });

  it('the Carte Vitale at check-in: a two-person card asks who; the one without a booking goes on as a walk-in', () => {
    const child = { ...INTAKE.identity!, firstName: 'Léo', birthDate: '2016-03-01', nir: '116037800608415' };
    h.cards.emit('cardRead', INTAKE.identity!, { beneficiaries: [INTAKE.identity!, child], unreadable: 0 });
    expect(step()).toBe('check-in');
    expect(h.flow.view().identification.beneficiaries?.beneficiaries).toHaveLength(2);
    h.flow.appointmentEvent({
      type: 'APPOINTMENT_CHECK_IN',
      answer: { ok: false, refusal: 'no-booking' },
      intake: null,
      cardHolder: 1,
    });
    expect(step()).toBe('identity-confirm');
    expect(h.flow.view().identification.identity?.nir).toBe(child.nir);
    expect(h.flow.view().appointment.checkingIn).toBe(false);
  });

  it('the Carte Vitale of a booked patient: the booking is recognised as with the ticket', () => {
    h.cards.emit('cardRead', INTAKE.identity!);
    expect(h.flow.view().identification.identity?.nir).toBe(INTAKE.identity!.nir);
    h.flow.appointmentEvent({
      type: 'APPOINTMENT_CHECK_IN',
      answer: { ok: true, appointmentId: 'a3', doctorName: 'Dr A', startsAt: STARTS, intake: INTAKE },
      intake: INTAKE,
      cardHolder: null,
    });
    expect(step()).toBe('consent');
    h.flow.send({ type: 'CONSENT_SUBMIT', teleconsultation: true, secondaryUse: false });
    expect(step()).toBe('waiting');
  });
});
