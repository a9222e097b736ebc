import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderStep } from '../../testing/render-screen';
import { setUpScreenTests } from '../../testing/screen-tests';

setUpScreenTests();

describe('WaitingScreen', () => {
  it('shows the honest position and wait, and lets the patient leave', () => {
    const { send } = renderStep('waiting', {
      queue: { position: 3, estimatedWaitMinutes: 14.4, updatedAt: '2026-11-22T10:00:00Z' },
    });
    expect(screen.getByTestId('queue').textContent).toBe(
      'Vous êtes numéro 3 dans la file. Attente estimée : 14 minutes.',
    );
    fireEvent.click(screen.getByRole('button', { name: /Partir/ }));
    expect(send).toHaveBeenCalledWith({ type: 'LEAVE_QUEUE' });
  });

  it('says when no estimate exists yet instead of inventing one', () => {
    renderStep('waiting');
    expect(screen.getByTestId('queue').textContent).toContain('Nous cherchons');
  });
});
