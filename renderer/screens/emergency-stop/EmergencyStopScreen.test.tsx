import { cleanup, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { KioskAlertState } from '../../../common/pharmacy/alerts';
import { renderStep } from '../../testing/render-screen';
import { setUpScreenTests } from '../../testing/screen-tests';

setUpScreenTests();

/** The screen with the alert in `state`; what it says of the pharmacist. */
const say = (state: KioskAlertState) => {
  cleanup();
  renderStep('emergency-stop', { pharmacistAlert: { kind: 'emergency', state } });
  return screen.getByTestId('emergency-pharmacist');
};

describe('EmergencyStopScreen', () => {
  it('always says to call 15 or 112, whatever came of the pharmacist alert', () => {
    for (const state of ['sending', 'acknowledged', 'unreachable'] as const) {
      say(state);
      expect(screen.getByLabelText("Numéros d'urgence : 15 ou 112").textContent).toBe('15ou112');
    }
  });

  it('says the pharmacist was told only once a portal has it, and that they come only once acknowledged', () => {
    expect(say('sending').textContent).toBe('☎ Nous prévenons aussi le pharmacien…');
    expect(say('delivered').textContent).toContain('Le pharmacien est prévenu.');
    expect(say('delivered').textContent).not.toContain('vient');
    expect(say('acknowledged').textContent).toContain('vient vous aider');
  });

  it('tells the patient to call 15/112 themselves when nobody could be told or nobody answered, as an alert', () => {
    for (const state of ['undelivered', 'unreachable', 'unanswered'] as const) {
      const notice = say(state);
      expect(notice.getAttribute('role')).toBe('alert');
      expect(notice.textContent).toMatch(/^⚠ .*Appelez (vous-même )?le 15 ou le 112 maintenant/);
      expect(notice.textContent).not.toContain('est prévenu');
    }
  });

  it('says nobody could be told when the kiosk has no confirmed alert at all', () => {
    renderStep('emergency-stop', { pharmacistAlert: null });
    expect(screen.getByTestId('emergency-pharmacist').textContent).toContain("n'a pas pu être prévenu");
  });
});
