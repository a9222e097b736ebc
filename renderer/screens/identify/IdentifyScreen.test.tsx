import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderStep } from '../../testing/render-screen';
import { setUpScreenTests } from '../../testing/screen-tests';

setUpScreenTests();

describe('IdentifyScreen', () => {
  it('shows the live card state', () => {
    renderStep('identify', { identification: { card: { readerId: 'r', state: 'reading', error: null } } });
    expect(screen.getByTestId('card-state').textContent).toContain('Lecture de la carte');
  });

  it('explains a card error in plain words and retries', () => {
    const { send } = renderStep('identify', {
      identification: { card: { readerId: 'r', state: 'error', error: 'removed-during-read' } },
    });
    expect(screen.getByTestId('card-error').textContent).toContain('retirée trop tôt');
    fireEvent.click(screen.getByRole('button', { name: /Réessayer/ }));
    expect(send).toHaveBeenLastCalledWith({ type: 'RETRY_CARD' });
    fireEvent.click(screen.getByRole('button', { name: /Taper mes informations/ }));
    expect(send).toHaveBeenLastCalledWith({ type: 'TYPE_DETAILS' });
  });
});
