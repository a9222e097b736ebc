import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderStep } from '../../testing/render-screen';
import { setUpScreenTests } from '../../testing/screen-tests';

setUpScreenTests();

describe('ReasonScreen', () => {
  it('needs a specialty and sends it with the typed words', () => {
    const { send } = renderStep('reason');
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Continuer' }).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: /Dermatologue/ }));
    fireEvent.click(screen.getByRole('button', { name: /Ajouter quelques mots/ }));
    for (const c of 'TOUX') fireEvent.click(screen.getByRole('button', { name: c }));
    fireEvent.click(screen.getByRole('button', { name: 'Continuer' }));
    expect(send).toHaveBeenCalledWith({ type: 'REASON_SUBMIT', specialty: 'dermatology', text: 'TOUX' });
  });
});
