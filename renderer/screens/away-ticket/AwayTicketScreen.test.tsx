import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderStep } from '../../testing/render-screen';
import { setUpScreenTests } from '../../testing/screen-tests';
import { StepAwayPanel } from '../waiting/StepAwayPanel';

setUpScreenTests();

const promises = () =>
  [...screen.getByTestId('away-ticket-promises').querySelectorAll('li')].map((li) => li.textContent);

describe('AwayTicketScreen', () => {
  it('shows the ticket large and promises the call only with a portal open and a phone given', () => {
    const { send } = renderStep('away-ticket', {
      away: { ticket: 42, holdMinutes: 10, portalOpen: true, phoneGiven: true },
    });
    expect(screen.getByTestId('away-ticket-number').textContent).toBe('42');
    expect(promises()).toEqual([
      "Quand vous serez le prochain et qu'un médecin sera presque libre, l'écran du pharmacien lui demandera de vous appeler à votre numéro.",
      'À partir de ce moment, votre place est gardée 10 minutes, puis elle est libérée.',
    ]);
    fireEvent.click(screen.getByRole('button', { name: "J'ai noté mon numéro" }));
    expect(send).toHaveBeenCalledWith({ type: 'FINISH' });
  });

  it('without a phone sends the patient to the counter with the ticket', () => {
    renderStep('away-ticket', { away: { ticket: 7, holdMinutes: 15, portalOpen: true, phoneGiven: false } });
    expect(promises()[0]).toContain('revenez au comptoir et montrez ce ticket');
    expect(promises()[1]).toContain('gardée 15 minutes');
  });

  it('with no portal open promises no call, even with a phone', () => {
    renderStep('away-ticket', { away: { ticket: 7, holdMinutes: 10, portalOpen: false, phoneGiven: true } });
    const said = promises().join(' ');
    expect(said).toContain('nous ne pouvons pas promettre');
    expect(said).toContain('Revenez au comptoir');
    expect(said).not.toMatch(/vous appeler à votre numéro/);
  });
});

describe('StepAwayPanel', () => {
  function renderPanel(stepAway = vi.fn(async () => {}), prefill: string | null = null) {
    render(<StepAwayPanel prefill={prefill} stepAway={stepAway} />);
    fireEvent.click(screen.getByTestId('step-away-open'));
    return stepAway;
  }
  const type = (digits: string) => {
    for (const d of digits) fireEvent.click(screen.getByRole('button', { name: d }));
  };

  it('sends the typed French number in pairs, and stops at ten digits', () => {
    const stepAway = renderPanel();
    type('061234567899');
    expect(screen.getByLabelText(/Votre téléphone/).getAttribute('value')).toBe('0612345678');
    fireEvent.click(screen.getByTestId('step-away-confirm'));
    expect(stepAway).toHaveBeenCalledWith('06 12 34 56 78');
  });

  it('refuses a number that is not French, and leaves without one when the field is empty', () => {
    const stepAway = renderPanel();
    type('0012');
    fireEvent.click(screen.getByTestId('step-away-confirm'));
    expect(screen.getByRole('alert').textContent).toContain("n'est pas un numéro français à 10 chiffres");
    expect(stepAway).not.toHaveBeenCalled();
    for (let i = 0; i < 4; i++) fireEvent.click(screen.getByRole('button', { name: /Effacer/ }));
    fireEvent.click(screen.getByTestId('step-away-confirm'));
    expect(stepAway).toHaveBeenCalledWith(null);
  });

  it('offers the contact step’s phone again, and says so when the platform did not keep the place', async () => {
    renderPanel(
      vi.fn(async () => {
        throw new Error('refused');
      }),
      '+33612345678',
    );
    expect(screen.getByLabelText(/Votre téléphone/).getAttribute('value')).toBe('06 12 34 56 78');
    fireEvent.click(screen.getByTestId('step-away-confirm'));
    expect((await screen.findByTestId('step-away-failed')).textContent).toContain('toujours dans la file');
  });
});
