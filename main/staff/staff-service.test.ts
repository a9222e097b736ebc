import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HYGIENE_CHECKLIST, StaffOverview } from '../../common/staff/staff';
import { systemClock } from '../../common/util/clock';
import { createHarness, type Harness } from '../flow/testing/flow-harness';
import { HandlerError } from '../ipc/dispatch';
import {
  HYGIENE_CONFIRMED_ACTION,
  MAX_PIN_FAILURES,
  PIN_LOCKOUT_MS,
  STAFF_SESSION_MS,
  StaffService,
} from './staff-service';
import { hashPin } from '../auth/pin';

let h: Harness;
let staff: StaffService;
const PINS = { pharmacist: ['pharma-hash'] };
// scrypt is slow on purpose; the role's hash list decides here, the real check has its own tests.
const verify = (pin: string, hashes: readonly string[]) =>
  (pin === '2468' && hashes.includes('pharma-hash')) || (pin === '1357' && hashes.includes('tech-hash'));

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-22T10:00:00Z') });
  h = createHarness({ hygieneDue: true });
  staff = new StaffService({ pinHashes: PINS, clock: systemClock, flow: h.flow, devices: () => [], verify });
});
afterEach(() => {
  h.flow.stop();
  vi.useRealTimers();
});

const code = (fn: () => unknown): string | null => {
  try {
    fn();
    return null;
  } catch (error) {
    return error instanceof HandlerError ? error.code : 'not-a-handler-error';
  }
};

describe('StaffService', () => {
  it("shows staff why the platform refuses the kiosk's credential, never a patient's data", () => {
    let refusal: StaffOverview['platformCredential'] = null;
    const withCredential = new StaffService({
      pinHashes: PINS,
      clock: systemClock,
      flow: h.flow,
      devices: () => [],
      verify,
      platformCredential: () => refusal,
    });
    withCredential.signIn('pharmacist', '2468');
    expect(withCredential.overview().platformCredential).toBeNull();
    refusal = 'credential-revoked';
    expect(StaffOverview.parse(withCredential.overview()).platformCredential).toBe('credential-revoked');
  });

  it('signs the pharmacist in with the PIN; the technician PIN role is refused with its reason', () => {
    expect(staff.signIn('technician', '1357')).toEqual({
      ok: false,
      error: 'technician-account-required',
      retryAfterSeconds: null,
      attemptsLeft: null,
    });
    expect(staff.signIn('technician', '2468')).toMatchObject({ ok: false, error: 'technician-account-required' });
    expect(staff.role()).toBeNull();
    expect(() => staff.requireRole('technician')).toThrow(/staff sign-in required/);
    expect(staff.signIn('pharmacist', '2468')).toEqual({ ok: true, role: 'pharmacist' });
    expect(staff.role()).toBe('pharmacist');
    staff.signOut();
    expect(staff.role()).toBeNull();
  });

  it('locks out after 5 wrong PINs for a minute, even for the right PIN', () => {
    for (let i = 1; i < MAX_PIN_FAILURES; i++)
      expect(staff.signIn('pharmacist', '0000')).toMatchObject({
        error: 'wrong-pin',
        attemptsLeft: MAX_PIN_FAILURES - i,
      });
    expect(staff.signIn('pharmacist', '0000')).toEqual({
      ok: false,
      error: 'locked',
      retryAfterSeconds: 60,
      attemptsLeft: null,
    });
    expect(staff.signIn('pharmacist', '2468')).toMatchObject({ ok: false, error: 'locked' });
    vi.advanceTimersByTime(PIN_LOCKOUT_MS - 1000);
    expect(staff.signIn('pharmacist', '2468')).toMatchObject({ ok: false, error: 'locked', retryAfterSeconds: 1 });
    vi.advanceTimersByTime(1000);
    expect(staff.signIn('pharmacist', '2468')).toEqual({ ok: true, role: 'pharmacist' });
  });

  it('the sign-in lapses after a quiet period', () => {
    staff.signIn('pharmacist', '2468');
    vi.advanceTimersByTime(STAFF_SESSION_MS);
    expect(staff.role()).toBeNull();
    expect(code(() => staff.overview())).toBe('forbidden');
  });

  it('the hygiene checklist needs a sign-in and every item, then unlocks the next patient', () => {
    expect(h.flow.view().step).toBe('cabin-not-ready');
    expect(code(() => staff.confirmHygiene([...HYGIENE_CHECKLIST]))).toBe('forbidden');
    staff.signIn('pharmacist', '2468');
    expect(code(() => staff.confirmHygiene(['devices-disinfected']))).toBe('checklist-incomplete');
    expect(h.flow.view().step).toBe('cabin-not-ready');
    staff.confirmHygiene([...HYGIENE_CHECKLIST]);
    expect(h.flow.view().step).toBe('welcome');
  });

  it('writes each confirmed checklist in the audit log, with the role (the portal reads when it was last done)', () => {
    const audited: { actor: string; action: string; subject: string | null }[] = [];
    const audit = { append: (entry: (typeof audited)[number]) => void audited.push(entry) };
    staff = new StaffService({ pinHashes: PINS, clock: systemClock, flow: h.flow, devices: () => [], verify, audit });
    staff.signIn('pharmacist', '2468');
    expect(code(() => staff.confirmHygiene(['devices-disinfected']))).toBe('checklist-incomplete');
    expect(audited).toEqual([]);
    staff.confirmHygiene([...HYGIENE_CHECKLIST]);
    expect(audited).toEqual([{ actor: 'pharmacist', action: HYGIENE_CONFIRMED_ACTION, subject: null }]);
  });

  it('refuses the checklist while a patient is in session', () => {
    staff.signIn('pharmacist', '2468');
    staff.confirmHygiene([...HYGIENE_CHECKLIST]);
    h.flow.send({ type: 'START' });
    expect(code(() => staff.confirmHygiene([...HYGIENE_CHECKLIST]))).toBe('patient-in-session');
  });

  it('answers the help button', () => {
    h.flow.send({ type: 'HELP' });
    expect(code(() => staff.answerHelp())).toBe('forbidden');
    staff.signIn('pharmacist', '2468');
    staff.answerHelp();
    expect(h.flow.view().helpRequested).toBe(false);
  });

  it("counts today's sessions by outcome without patient data, including assisted teleconsultations", () => {
    staff.signIn('pharmacist', '2468');
    staff.confirmHygiene([...HYGIENE_CHECKLIST]);
    h.flow.send({ type: 'START' });
    h.flow.send({ type: 'EMERGENCY_PRESENT' });
    h.flow.send({ type: 'FINISH' });
    h.flow.send({ type: 'START' });
    h.flow.send({ type: 'EMERGENCY_NONE' });
    h.flow.send({ type: 'CANCEL' });
    staff.confirmHygiene([...HYGIENE_CHECKLIST]);
    h.flow.send({ type: 'START' });
    h.flow.send({ type: 'EMERGENCY_NONE' });
    h.cards.emit('cardRead', {
      lastName: 'MARTIN',
      firstName: 'Jeanne',
      birthDate: '1985-05-12',
      nir: '185057800608491',
      source: 'card',
    });
    h.flow.send({ type: 'CONFIRM_IDENTITY' });
    h.flow.send({
      type: 'CARE_PATHWAY_SUBMIT',
      answers: { hasMedecinTraitant: true, referredByMedecinTraitant: true, exception: 'none', aldOrMaternity: false },
    });
    h.flow.send({ type: 'LOCALITY_SUBMIT', value: '75011' });
    h.flow.send({ type: 'CONSENT_SUBMIT', teleconsultation: true, secondaryUse: false });
    h.flow.send({ type: 'REASON_SUBMIT', specialty: 'general-practice', text: '' });
    h.flow.send({ type: 'CONTACT_SUBMIT', email: null, phone: null });
    h.flow.send({ type: 'WHEN_NOW' });
    h.flow.send({ type: 'DOCTOR_ACCEPTED' });
    h.flow.send({ type: 'DOCTOR_ENDED_CALL', prescription: null });
    h.flow.send({ type: 'FINISH' });
    h.flow.send({ type: 'FINISH' });
    const overview = StaffOverview.parse(staff.overview());
    expect(overview).toMatchObject({ signedIn: 'pharmacist', hygieneDue: true, step: 'goodbye' });
    expect(overview.counters).toEqual({
      date: '2026-11-22',
      started: 2,
      completed: 1,
      cancelled: 1,
      emergency: 1,
      idleTimeout: 0,
      consentRefused: 0,
      leftQueue: 0,
      assistedTeleconsultations: 1,
    });
    expect(JSON.stringify(overview)).not.toContain('MARTIN');
    vi.setSystemTime(new Date('2026-11-23T00:00:01Z'));
    staff.signIn('pharmacist', '2468');
    expect(staff.overview().counters).toMatchObject({ date: '2026-11-23', started: 0, assistedTeleconsultations: 0 });
  });

  it('checks real scrypt hashes by default', () => {
    const real = new StaffService({
      pinHashes: { pharmacist: [hashPin('2468')] },
      clock: systemClock,
      flow: h.flow,
      devices: () => [],
    });
    expect(real.signIn('pharmacist', '1357').ok).toBe(false);
    expect(real.signIn('pharmacist', '2468')).toEqual({ ok: true, role: 'pharmacist' });
  });
});
