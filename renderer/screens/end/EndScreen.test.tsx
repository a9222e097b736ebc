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
      payment: { tiersPayant: false, amountDueEuros: 7.5 },
    });
    expect(screen.getByTestId('end-measurements').querySelectorAll('li')).toHaveLength(3);
    expect(screen.getByTestId('end-measurements').textContent).toContain('128/82 mmHg');
    expect(screen.getByTestId('prescription-number').textContent).toBe('RX-2026-000123-7');
    expect(screen.getByTestId('prescription-qr').getAttribute('aria-label')).toContain('RX-2026-000123-7');
    expect(screen.getByTestId('payment').textContent).toMatch(/7,50\s€/);
    fireEvent.click(screen.getByRole('button', { name: 'Continuer' }));
    expect(send).toHaveBeenCalledWith({ type: 'FINISH' });
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
