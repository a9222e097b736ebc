import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderStep } from '../../testing/render-screen';
import { setUpScreenTests } from '../../testing/screen-tests';

setUpScreenTests();

describe('LocalityScreen', () => {
  it('shows the reimbursement in percent and euros and sends the typed locality', () => {
    const { send } = renderStep('locality', {
      carePathway: { reimbursement: { pathwayRespected: true, ratePercent: 70, participationForfaitaireEuros: 2 } },
    });
    expect(screen.getByTestId('reimbursement').textContent).toMatch(/70 %/);
    expect(screen.getByTestId('reimbursement').textContent).toMatch(/2,00\s€/);
    for (const c of '75011') fireEvent.click(screen.getByRole('button', { name: c }));
    fireEvent.click(screen.getByRole('button', { name: 'Continuer' }));
    expect(send).toHaveBeenLastCalledWith({ type: 'LOCALITY_SUBMIT', value: '75011' });
  });

  it('warns after a refusal and offers to continue without', () => {
    const { send } = renderStep('locality', { locality: { refused: true } });
    expect(screen.getByTestId('locality-warning')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Continuer sans le dire' }));
    expect(send).toHaveBeenLastCalledWith({ type: 'LOCALITY_REFUSE' });
  });
});
