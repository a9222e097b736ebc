import { fireEvent, screen, waitFor } from '@testing-library/react';
import { consentTextSha256 } from '../../../common/consent/consent-text';
import { describe, expect, it } from 'vitest';
import { renderStep } from '../../testing/render-screen';
import { setUpScreenTests } from '../../testing/screen-tests';

setUpScreenTests();

describe('ConsentScreen', () => {
  it('shows the text version and who receives data; each answer carries the choice and the hash of the text shown', async () => {
    const { send } = renderStep('consent', { consent: { textVersion: 'v3-2026' } });
    expect(screen.getByTestId('consent-version').textContent).toContain('v3-2026');
    expect(screen.getAllByRole('listitem').length).toBe(4);
    fireEvent.click(screen.getByRole('button', { name: /recherche/ }));
    const shown = screen.getByRole('region', { name: /./ }).textContent ?? '';
    expect(shown).toContain('v3-2026');
    const textSha256 = await consentTextSha256(shown);
    fireEvent.click(screen.getByRole('button', { name: /J'accepte$/ }));
    await waitFor(() =>
      expect(send).toHaveBeenLastCalledWith({
        type: 'CONSENT_SUBMIT',
        teleconsultation: true,
        secondaryUse: true,
        language: 'fr',
        textSha256,
      }),
    );
    fireEvent.click(screen.getByRole('button', { name: /Je refuse/ }));
    await waitFor(() =>
      expect(send).toHaveBeenLastCalledWith(
        expect.objectContaining({ type: 'CONSENT_SUBMIT', teleconsultation: false, secondaryUse: false, textSha256 }),
      ),
    );
  });

  it('consent refused offers back and leave', () => {
    const { send } = renderStep('consent-refused');
    fireEvent.click(screen.getByRole('button', { name: /Retour/ }));
    expect(send).toHaveBeenLastCalledWith({ type: 'BACK' });
    fireEvent.click(screen.getByRole('button', { name: 'Terminer' }));
    expect(send).toHaveBeenLastCalledWith({ type: 'CANCEL' });
  });
});
