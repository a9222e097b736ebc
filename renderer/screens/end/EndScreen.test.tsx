import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderStep } from '../../testing/render-screen';
import { recorded } from '../consultation/measurement-fixtures';
import { SAMPLE_PRESCRIPTION } from '../../../common/records/testing/samples';
import { setUpScreenTests } from '../../testing/screen-tests';

setUpScreenTests();

describe('EndScreen', () => {
  it('summarises measurements, the prescription with its number and QR, and what to pay', () => {
    const { send } = renderStep('end', {
      recorded: [recorded('temperature'), recorded('blood-pressure'), recorded('oximetry')],
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
    expect(screen.getByTestId('end-measurements').querySelectorAll('li')).toHaveLength(3);
    expect(screen.getByTestId('end-measurements').textContent).toContain('128/82 mmHg');
    expect(screen.getByTestId('prescription-number').textContent).toBe('RX-2026-000123-7');
    expect(screen.getByTestId('prescription-qr').getAttribute('aria-label')).toContain('RX-2026-000123-7');
    // One amount to pay, and why; no second sum that reads as another charge.
    expect(screen.getByTestId('payment-amount').textContent).toMatch(/^30,00\s€$/);
    expect(screen.getByTestId('payment-why').textContent).toMatch(
      /Pas de tiers payant : vous avancez le prix de la téléconsultation \(30,00\s€\)\. L'Assurance Maladie vous rembourse ensuite 19,00\s€ \(70 %/,
    );
    expect(screen.getByTestId('payment-participation').textContent).toMatch(
      /2,00\s€ est déjà retirée de ce remboursement/,
    );
    expect(screen.queryByText(/à votre charge/)).toBeNull();
    expect(screen.queryByTestId('reimbursement')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Continuer' }));
    expect(send).toHaveBeenCalledWith({ type: 'FINISH' });
  });

  it('under tiers payant: nothing to pay now, the participation withheld later', () => {
    renderStep('end', {
      payment: {
        tiersPayant: true,
        amountDueEuros: 0,
        feeEuros: 30,
        ratePercent: 100,
        reimbursedLaterEuros: 0,
        participationEuros: 2,
      },
    });
    expect(screen.getByTestId('payment-amount').textContent).toMatch(/^0,00\s€$/);
    expect(screen.getByTestId('payment-why').textContent).toContain(
      "paie le médecin directement. Vous n'avancez rien.",
    );
    expect(screen.getByTestId('payment-participation').textContent).toContain('ne se paie pas ici');
  });

  it('rating sends the stars or skips', () => {
    const { send } = renderStep('rating');
    const stars = screen.getAllByRole('button', { name: /sur 5/ });
    expect(stars).toHaveLength(5);
    fireEvent.click(stars[3]!);
    expect(send).toHaveBeenLastCalledWith({ type: 'RATE', stars: 4 });
    fireEvent.click(screen.getByRole('button', { name: 'Passer' }));
    expect(send).toHaveBeenLastCalledWith({ type: 'FINISH' });
  });

  it('goodbye finishes', () => {
    const { send } = renderStep('goodbye');
    fireEvent.click(screen.getByRole('button', { name: 'Terminer' }));
    expect(send).toHaveBeenCalledWith({ type: 'FINISH' });
  });
});
