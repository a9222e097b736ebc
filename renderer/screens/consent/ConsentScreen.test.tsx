import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderStep } from '../../testing/render-screen';
import { setUpScreenTests } from '../../testing/screen-tests';

setUpScreenTests();

describe('ConsentScreen', () => {
  it('shows the text version and who receives data; accept carries the optional choice', () => {
    const { send } = renderStep('consent', { consent: { textVersion: 'v3-2026' } });
    expect(screen.getByTestId('consent-version').textContent).toContain('v3-2026');
    expect(screen.getAllByRole('listitem').length).toBe(4);
    fireEvent.click(screen.getByRole('button', { name: /recherche/ }));
    fireEvent.click(screen.getByRole('button', { name: /J'accepte$/ }));
    expect(send).toHaveBeenLastCalledWith({ type: 'CONSENT_SUBMIT', teleconsultation: true, secondaryUse: true });
    fireEvent.click(screen.getByRole('button', { name: /Je refuse/ }));
    expect(send).toHaveBeenLastCalledWith({ type: 'CONSENT_SUBMIT', teleconsultation: false, secondaryUse: false });
  });

  it('consent refused offers back and leave', () => {
    const { send } = renderStep('consent-refused');
    fireEvent.click(screen.getByRole('button', { name: /Retour/ }));
    expect(send).toHaveBeenLastCalledWith({ type: 'BACK' });
    fireEvent.click(screen.getByRole('button', { name: 'Terminer' }));
    expect(send).toHaveBeenLastCalledWith({ type: 'CANCEL' });
  });
});
