import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { SAMPLE_PRESCRIPTION } from '../../common/records/testing/samples';
import { FLOW_STEPS, type FlowStep } from '../../common/flow/flow-view';
import { SCREENS } from '../app/screen-for-step';
import { LANGUAGES, type Language } from '../i18n/i18n';
import { flowViewFixture, TEST_IDENTITY } from '../testing/flow-view-fixture';
import { renderScreen } from '../testing/render-screen';
import { measurement } from './consultation/measurement-fixtures';
import { setUpScreenTests } from '../testing/screen-tests';

setUpScreenTests();

/** A view per step that shows as much of the screen as possible (errors, results, prescription). */
function richView(step: Exclude<FlowStep, 'welcome'>) {
  return flowViewFixture(step, {
    identification: {
      card: { readerId: 'r', state: 'error', error: 'mute-card' },
      identity: { ...TEST_IDENTITY },
      manualErrors: { nir: 'nir-key' },
    },
    carePathway: {
      answers: null,
      reimbursement: { pathwayRespected: false, ratePercent: 30, participationForfaitaireEuros: 2 },
    },
    locality: { value: null, refused: true },
    reason: { specialty: 'paediatrics', text: '' },
    queue: {
      position: 2,
      wait: { kind: 'estimate', minutes: 12, doctorsOnDuty: 2 },
      updatedAt: '2026-11-22T10:00:00Z',
    },
    call: { state: 'connected' },
    measurement: measurement('blood-pressure', 'result'),
    recorded: [measurement('temperature', 'result').result!],
    prescription: SAMPLE_PRESCRIPTION,
    payment: {
      tiersPayant: false,
      amountDueEuros: 30,
      feeEuros: 30,
      ratePercent: 70,
      reimbursedLaterEuros: 19,
      participationEuros: 2,
    },
  });
}

// A missing translation shows its key ("measure.failure.xyz"): no text node may look like one.
const KEY_LIKE = /^[a-z][a-zA-Z]*(\.[a-zA-Z0-9-]+)+$/;

describe.each(Object.keys(LANGUAGES) as Language[])('every screen in %s', (language) => {
  it.each(FLOW_STEPS.filter((s): s is Exclude<FlowStep, 'welcome'> => s !== 'welcome'))(
    '%s has every text translated',
    async (step) => {
      await i18next.changeLanguage(language);
      const Screen = SCREENS[step];
      const { container } = renderScreen(<Screen />, richView(step), { language });
      const texts = [...container.querySelectorAll('*')].flatMap((el) => [
        ...[...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent?.trim() ?? ''),
        el.getAttribute('aria-label') ?? '',
      ]);
      expect(texts.filter((text) => KEY_LIKE.test(text))).toEqual([]);
      expect(container.querySelector('h1')?.textContent?.length).toBeGreaterThan(0);
      await i18next.changeLanguage('fr');
    },
  );
});
