import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderStep } from '../../testing/render-screen';
import { validateContact } from './ContactScreen';
import { setUpScreenTests } from '../../testing/screen-tests';

setUpScreenTests();

describe('ContactScreen', () => {
  it('refuses an incomplete e-mail on screen before sending', () => {
    const { send } = renderStep('contact');
    for (const c of 'ab@') fireEvent.click(screen.getByRole('button', { name: c }));
    fireEvent.click(screen.getByRole('button', { name: 'Continuer' }));
    expect(send).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toContain("n'est pas complète");
  });

  it('sends a phone typed on the digit pad, or skips', () => {
    const { send } = renderStep('contact');
    fireEvent.click(screen.getByLabelText(/Téléphone/));
    for (const c of '0612345678') fireEvent.click(screen.getByRole('button', { name: c }));
    fireEvent.click(screen.getByRole('button', { name: 'Continuer' }));
    expect(send).toHaveBeenLastCalledWith({ type: 'CONTACT_SUBMIT', email: null, phone: '0612345678' });
    fireEvent.click(screen.getByRole('button', { name: 'Passer' }));
    expect(send).toHaveBeenLastCalledWith({ type: 'CONTACT_SUBMIT', email: null, phone: null });
  });

  it('validates like the machine', () => {
    expect(validateContact('a@b.fr', '')).toEqual({ email: true, phone: true });
    expect(validateContact('a@b', '06')).toEqual({ email: false, phone: false });
  });
});
