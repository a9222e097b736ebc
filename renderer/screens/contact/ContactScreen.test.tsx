import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initI18n } from '../../i18n/i18n';
import { flowViewFixture } from '../../testing/flow-view-fixture';
import { renderScreen } from '../../testing/render-screen';

beforeAll(async () => {
  await initI18n('fr');
});
afterEach(cleanup);

import { ContactScreen, validateContact } from './ContactScreen';

describe('ContactScreen', () => {
  it('refuses an incomplete e-mail on screen before sending', () => {
    const { send } = renderScreen(<ContactScreen />, flowViewFixture('contact'));
    for (const c of 'ab@') fireEvent.click(screen.getByRole('button', { name: c }));
    fireEvent.click(screen.getByRole('button', { name: 'Continuer' }));
    expect(send).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toContain("n'est pas complète");
  });

  it('sends a phone typed on the digit pad, or skips', () => {
    const { send } = renderScreen(<ContactScreen />, flowViewFixture('contact'));
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
