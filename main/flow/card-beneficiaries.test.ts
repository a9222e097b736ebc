import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FlowIntention } from '../../common/flow/flow-intention';
import type { PatientIdentity } from '../../common/identity/identity';
import { createHarness, type Harness } from './testing/flow-harness';

const HOLDER: PatientIdentity = {
  lastName: 'MARTIN',
  firstName: 'Jeanne',
  birthDate: '1985-05-12',
  nir: '185057800608491',
  source: 'card',
};
const CHILD: PatientIdentity = { ...HOLDER, firstName: 'Paul', birthDate: '2012-06-01', nir: '112067512345677' };

let h: Harness;
const ok = (intention: FlowIntention) => expect(h.flow.send(intention)).toEqual({ accepted: true });
const step = () => h.flow.view().step;

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-22T10:00:00Z') });
  h = createHarness();
  ok({ type: 'START' });
  ok({ type: 'EMERGENCY_NONE' });
});
afterEach(() => {
  expect(h.invalid).toEqual([]);
  h.flow.stop();
  vi.useRealTimers();
});

describe('a card with several beneficiaries', () => {
  it('lists them; the patient chooses the second, confirms, and that identity is saved', () => {
    h.cards.emit('cardRead', HOLDER, { beneficiaries: [HOLDER, CHILD], unreadable: 0 });
    expect(step()).toBe('identify-choose');
    expect(h.flow.view().identification).toMatchObject({
      identity: null,
      beneficiaries: { beneficiaries: [HOLDER, CHILD], unreadable: 0 },
    });
    expect(h.flow.send({ type: 'CHOOSE_BENEFICIARY', index: 2 }).accepted).toBe(false);
    ok({ type: 'CHOOSE_BENEFICIARY', index: 1 });
    expect(step()).toBe('identity-confirm');
    expect(h.flow.view().identification.identity).toEqual(CHILD);
    ok({ type: 'CONFIRM_IDENTITY' });
    expect(h.store.calls.find((c) => c.method === 'saveIdentity')?.data).toEqual(CHILD);
  });

  it('goes straight to the confirmation for a card carrying one readable person', () => {
    h.cards.emit('cardRead', HOLDER, { beneficiaries: [HOLDER], unreadable: 0 });
    expect(step()).toBe('identity-confirm');
    expect(h.flow.view().identification.beneficiaries).toBeNull();
  });

  it('lets the patient choose even one readable person when another was unreadable, or type their details', () => {
    h.cards.emit('cardRead', CHILD, { beneficiaries: [CHILD], unreadable: 1 });
    expect(step()).toBe('identify-choose');
    expect(h.flow.view().identification.beneficiaries?.unreadable).toBe(1);
    ok({ type: 'TYPE_DETAILS' });
    expect(step()).toBe('identify-manual');
    expect(h.flow.view().identification).toMatchObject({ identity: null, beneficiaries: null });
  });

  it('forgets the list going back to the card step', () => {
    h.cards.emit('cardRead', HOLDER, { beneficiaries: [HOLDER, CHILD], unreadable: 0 });
    ok({ type: 'BACK' });
    expect(step()).toBe('identify');
    expect(h.flow.view().identification.beneficiaries).toBeNull();
  });
});

describe('consent tied to the text shown', () => {
  it('records the language and the SHA-256 the screen computed with the answer', () => {
    h.cards.emit('cardRead', HOLDER, { beneficiaries: [HOLDER], unreadable: 0 });
    ok({ type: 'CONFIRM_IDENTITY' });
    ok({
      type: 'CARE_PATHWAY_SUBMIT',
      answers: { hasMedecinTraitant: true, referredByMedecinTraitant: true, exception: 'none', aldOrMaternity: false },
    });
    ok({ type: 'LOCALITY_SUBMIT', value: '75011' });
    ok({
      type: 'CONSENT_SUBMIT',
      teleconsultation: true,
      secondaryUse: false,
      language: 'ar',
      textSha256: 'c'.repeat(64),
    });
    expect(h.store.calls.find((c) => c.method === 'saveConsent')?.data).toMatchObject({
      teleconsultation: true,
      language: 'ar',
      textSha256: 'c'.repeat(64),
    });
  });
});
